"""How people ask, as seen in the last fresh questions of round 5 of issue 10: each rule
follows from the way a question is put (a delegation speaks for its country, an
apposition only describes, a round of the dialogue is one of its sessions, money is
counted in a currency, a part of a total is what was done to it), on the hand-made
statement (no model)."""

from __future__ import annotations

import pytest
import synthetic

from qa.config import RetrievalConfig
from qa.evidence import part_verb
from qa.intents import asked_attribute, dialogue_detail
from qa.respond import Responder
from qa.voices import asks_voice


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(synthetic.store())


# -- a delegation speaks for its country ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What did Pakistan's delegation say about border management?",
        "What did Pakistan’s representatives propose?",
        "what did pakistan's government call for",
    ],
)
def test_those_who_speak_for_an_actor_are_the_actor_asked_to_speak(responder, question):
    mentions = responder.gazetteer.mentions(question)
    assert asks_voice(question, mentions) == ("speech", ("Pakistan",))


def test_a_delegation_of_an_actor_only_named_in_passing_is_declined_as_only_listed(responder):
    reason = synthetic.rule(
        responder, "silent-actor", "What did Myanmar's delegation say about scams?"
    )
    assert reason is not None and "Myanmar" in reason
    # Whether it came is still asked of the attendance list.
    assert synthetic.rule(responder, "silent-actor", "Did Myanmar send a delegation?") is None


def test_a_delegation_of_an_actor_that_speaks_is_answered_from_its_passages(responder):
    got = synthetic.answer(responder, "What did Fiji's delegation call for?")
    assert not got.abstained and got.citations[0].passage.id.endswith("/fiji")


# -- an apposition only describes the actor -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "attribute"),
    [
        ("what's the capital of Fiji, the host of the meeting?", "capital"),
        ("What is the capital of Thailand, a member of the COMMIT Process?", "capital"),
        ("What is the capital of Fiji?", "capital"),
        ("What did Fiji, the host, call for?", ""),
    ],
)
def test_an_apposition_after_the_actor_leaves_the_attribute_asked(responder, question, attribute):
    core = responder.analyser.analyse(question).core
    assert asked_attribute(core, responder.gazetteer.mentions(core)) == attribute


# -- a round of the dialogue is one of its sessions ------------------------------------------


def test_a_detail_of_the_tour_de_table_is_a_detail_of_the_dialogue():
    assert dialogue_detail("Who moderated the Tour de Table?") == "Who moderated?"
    assert dialogue_detail("Who chaired the roundtable?") == "Who chaired?"
    assert dialogue_detail("What did the Tour de Table discuss?") == ""


def test_who_took_part_in_the_tour_de_table_is_no_logistics(responder):
    assert (
        synthetic.rule(responder, "dialogue-detail", "Who took part in the Tour de Table?") is None
    )
    assert (
        synthetic.rule(responder, "dialogue-detail", "Who moderated the Tour de Table?") is not None
    )


# -- attendance, however it is asked ----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Did the UK send a delegation?", "did canada send any delegates", "Did Fiji attend?"],
)
def test_sending_a_delegation_asks_the_attendance_list(responder, question):
    query = responder.analyser.analyse(question)
    assert "participation" in query.lists
    assert synthetic.rule(responder, "unreported-event", question) is None


def test_a_country_by_its_everyday_short_name_in_any_case(responder):
    for text in ("did the uk attend?", "Did the UK attend?"):
        assert [m.actor for m in responder.gazetteer.mentions(text)] == ["United Kingdom"]


def test_an_actor_name_is_no_word_of_the_event_claimed(responder):
    query = responder.analyser.analyse("did the uk attend?")
    assert "uk" not in query.claim and "attend" in query.claim
    got = synthetic.answer(responder, "did canada send a delegation?")
    assert not got.abstained and got.citations[0].passage.id == "participation/1"


# -- the theme asked as a topic ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["What was the main topic of the dialogue?", "what was this year's overarching topic"],
)
def test_the_dialogue_s_topic_is_its_theme(responder, question):
    intent = responder.analyser.analyse(question).intent
    assert intent is not None and intent.kind == "dialogue-theme"


def test_a_topic_an_actor_raised_is_no_theme_of_the_dialogue(responder):
    intent = responder.analyser.analyse("What topic did Fiji raise?").intent
    assert intent is None or intent.kind != "dialogue-theme"


# -- money is counted in a currency; a part of a total by what was done to it ---------------


def _figure(responder: Responder, question: str) -> bool | None:
    query = responder.analyser.analyse(question)
    return responder.evidence.states_figure(
        query, synthetic.hits(responder, question), RetrievalConfig()
    )


def test_a_sum_of_money_asked_as_money_is_answered_by_a_sum_in_a_currency(responder):
    assert _figure(responder, "How much money have people lost to scams in Indonesia?") is True
    # A count of people is still no sum of money.
    assert _figure(responder, "How much money did Thailand pay for repatriation?") is False


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("How much of the money lost to scams has Indonesia recovered so far?", "recovered"),
        ("How much of the money has Indonesia's centre managed to recover?", "recover"),
        ("How many of the complaints were resolved?", "resolved"),
        ("How much money have people lost?", ""),
        ("How many people did Thailand repatriate?", ""),
    ],
)
def test_a_part_of_a_total_is_asked_by_what_was_done_to_it(question, verb):
    assert part_verb(question) == verb


def test_a_total_does_not_answer_how_much_of_it_was_recovered(responder):
    assert _figure(responder, "How much of the money lost has Indonesia recovered so far?") is False
    assert _figure(responder, "How many of the complaints has Indonesia received?") is True


# -- one key insight is its own short summary --------------------------------------------


def test_a_key_insight_named_by_its_theme_s_title_words_is_that_theme_s(responder):
    intent = responder.analyser.analyse("summarise the key insight on criminal networks").intent
    assert intent is not None and (intent.section, intent.theme) == ("key-insight", 2)
    assert intent.summary


@pytest.mark.parametrize(
    "question",
    ["summarise the second key insight", "What was the key insight on countering scams?"],
)
def test_one_key_insight_is_quoted_whole_not_only_its_title(responder, question):
    got = synthetic.answer(responder, question)
    assert [c.passage.id for c in got.citations] == ["key-insight/2"]
    assert got.text.startswith("Countering scams") and "adapt quickly" in got.text


def test_all_key_insights_stay_one_title_a_line(responder):
    got = synthetic.answer(responder, "What are the key insights?")
    assert got.text.count("\n") == 1 and "adapt quickly" not in got.text


# -- a short question that points back keeps the sentence it points at ----------------------


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("The statement says RILON links liaison officers. What does that mean?", "RILON links"),
        ("Thailand repatriated 11,000 people. Where were they from?", "Thailand repatriated"),
        ("I am writing a brief for my minister. What did Fiji call for?", None),
    ],
)
def test_a_question_pointing_back_keeps_what_it_points_at(responder, question, kept):
    core = responder.analyser.analyse(question).core
    if kept is None:
        assert core == "What did Fiji call for?"
    else:
        assert kept in core


# -- a time still to come is given by a sentence of plans about it -----------------------------


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("When will the RSO convene the border workshop?", False),  # "will convene ... in 2027"
        ("When will the Common Pathways Forum first meet?", True),  # planned, but no date
        ("when is the Common Pathways Forum expected to be set up", True),
    ],
)
def test_when_a_plan_will_happen_needs_a_date_in_a_sentence_of_that_plan(
    responder, question, declined
):
    reason = synthetic.rule(responder, "unknown-type", question)
    assert (reason is not None) == declined, reason
    if declined:
        assert "no date" in reason


# -- more ways of naming who speaks, and what is counted -------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did the UK delegation say about boats?", ("speech", ("United Kingdom",))),
        ("What did the Fiji delegation call for?", ("speech", ("Fiji",))),
        # How an actor is linked to something is nothing it did.
        ("What did the UK have to do with Fiji's work?", ("", ())),
    ],
)
def test_a_delegation_without_a_possessive_and_a_link_that_is_no_act(responder, question, expected):
    assert asks_voice(question, responder.gazetteer.mentions(question)) == expected


def test_what_an_actor_said_is_asked_of_its_passages_even_beside_attendance_words(responder):
    reason = synthetic.rule(
        responder, "silent-actor", "What did the Myanmar delegation say about scams?"
    )
    assert reason is not None and "Myanmar" in reason


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("how many were repatriated by Thailand?", True),
        ("Of the people Thailand repatriated, how many were women?", False),
    ],
)
def test_what_is_counted_may_follow_the_auxiliary(responder, question, stated):
    assert _figure(responder, question) is stated


def test_a_numbered_key_insight_named_by_its_title_too_is_asked_whole(responder):
    question = "What does the second key insight on countering scams cover?"
    query = responder.analyser.analyse(question)
    assert query.intent is not None and (query.intent.theme, query.intent.summary) == (2, True)


# -- a country named as a place is a detail the answer must name ---------------------------


def test_a_country_named_as_a_place_is_a_detail_and_no_second_actor(responder):
    query = responder.analyser.analyse(
        "How many people did Thailand repatriate from scam centres in Cambodia?"
    )
    assert [(s.kind, s.text) for s in query.specifics] == [("place", "Cambodia")]
    assert not query.multi_part
    assert responder.analyser.analyse("What did Fiji and Tonga call for?").multi_part


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("How many people did Thailand repatriate from scam centres in Cambodia?", True),
        ("How many people did Thailand repatriate from scam centres in Myanmar?", False),
    ],
)
def test_a_place_the_answering_passage_does_not_name_is_a_mismatch(responder, question, declined):
    reason = synthetic.rule(responder, "missing-specific", question)
    assert (reason is not None) == declined, reason
    if declined:
        assert reason == "The passages about Thailand do not mention “Cambodia”."


# -- an amount named first, and results asked of a plan ----------------------------------------


def test_an_amount_named_as_the_subject_asks_for_a_figure(responder):
    assert _figure(responder, "What budget has been allocated to the RILON network?") is False
    # Funding asked as a thing, not an amount, asks for no figure.
    assert _figure(responder, "What funding did Fiji provide?") is None


@pytest.mark.parametrize(
    "question",
    [
        "What results has the Common Pathways Forum achieved so far?",
        "what progress have they made on the border workshop",
    ],
)
def test_results_or_progress_asked_are_an_outcome(question):
    from qa.outcomes import asks_outcome

    assert asks_outcome(question)


@pytest.mark.parametrize(
    "question",
    [
        "What results did Tonga report from its national action plan?",
        "What results did Tonga attribute to its national action plan?",
    ],
)
def test_results_an_actor_reported_are_no_outcome_asked(question):
    from qa.outcomes import asks_outcome

    assert not asks_outcome(question)


# -- hedges around the ask ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("In a sentence, what is the Constructive Dialogue?", "what is the Constructive Dialogue?"),
        ("In one line: what is RILON?", "what is RILON?"),
        ("Simply put, what is COMMIT?", "what is COMMIT?"),
        ("What exactly is the RSO?", "What is the RSO?"),
        ("what precisely does RILON mean?", "what does RILON mean?"),
        ("What did Fiji actually call for?", "What did Fiji actually call for?"),  # not at the ask
    ],
)
def test_a_hedge_on_the_ask_asks_nothing_more(question, plain):
    from qa.wording import strip_request

    assert strip_request(question) == plain


def test_a_hedged_definition_question_is_a_definition(responder):
    assert responder.analyser.analyse("What exactly is RILON?").definition
    assert responder.analyser.analyse("In a sentence, what is RILON?").definition


# -- "which countries" asked of a named actor asks for others -------------------------------


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("Which countries has Indonesia signed agreements with?", True),
        ("Which countries has Thailand worked with?", False),  # "Myawaddy, Myanmar"
        ("Which countries did Fiji work with on training?", False),  # "Fiji and Tonga"
    ],
)
def test_which_countries_of_a_named_actor_need_another_country_in_its_passages(
    responder, question, declined
):
    reason = synthetic.rule(responder, "no-other-actor", question)
    assert (reason is not None) == declined, reason
    if declined:
        assert reason == "The passages about Indonesia name no other country."


# -- an attribute of an actor is given beside its name ------------------------------------------


def test_an_attribute_word_in_a_sentence_that_does_not_name_the_actor_gives_it_no_attribute(
    responder,
):
    evidence = responder.evidence
    indonesia = next(p for p in responder.store.passages if p.id.endswith("/indonesia"))
    assert "headquartered" in indonesia.text  # its passage uses the word ...
    assert not evidence.names_with(["Indonesia"], "headquart")  # ... of the centre
    reason = synthetic.rule(responder, "actor-attribute", "Where is Indonesia headquartered?")
    assert reason is not None and "headquartered" in reason
    assert (
        synthetic.rule(responder, "actor-attribute", "Where is the centre headquartered?") is None
    )


def test_a_request_around_a_question_about_the_dialogue_itself_is_still_dropped(responder):
    # With the dialogue's name gone nothing would be asked: the dialogue is the topic,
    # but the request wrapped around the question is no part of it.
    question = "In a sentence, what is the Constructive Dialogue?"
    assert responder.analyser.analyse(question).core == "what is the Constructive Dialogue?"


# -- whether something will happen ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("Will the RSO convene a border workshop?", False),  # "The RSO will convene ..."
        ("Is the RSO going to convene a border workshop?", False),
        ("Will the RSO establish a Common Pathways Forum?", False),  # "plans to establish"
        ("Will the Common Pathways Forum include a climate programme?", True),
        ("Will the border workshop end up making scams a priority?", True),
    ],
)
def test_whether_something_will_happen_needs_a_sentence_of_plans_that_says_it(
    responder, question, declined
):
    reason = synthetic.rule(responder, "future-unsaid", question)
    assert (reason is not None) == declined, reason


def test_going_to_asks_about_the_future_not_an_outcome():
    from qa.outcomes import asks_outcome

    assert not asks_outcome("Is Australia going to convene the meeting?")
    assert asks_outcome("Was the meeting convened?")


# -- a name written with initialisms of the statement's names ----------------------------------


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("When does the RSO CPF meet?", False),  # the Common Pathways Forum, by initials
        ("When did the XQZ WG meet?", True),  # initials of nothing the statement names
    ],
)
def test_a_name_of_initialisms_of_the_statement_s_names_is_no_unknown_name(
    responder, question, declined
):
    reason = synthetic.rule(responder, "unknown-name", question)
    assert (reason is not None) == declined, reason


# -- "which countries": the passages that name one come first -------------------------------


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Which countries discussed information sharing and training?", "theme-1/spotlight/fiji"),
        ("Which countries talked about scam networks?", "theme-2/spotlight/thailand"),
    ],
)
def test_which_countries_cites_first_a_passage_that_names_a_country(responder, question, first):
    got = synthetic.answer(responder, question)
    assert got.citations[0].passage.id == first
