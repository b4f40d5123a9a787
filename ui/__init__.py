"""The Gradio chat over `qa.Assistant`."""
