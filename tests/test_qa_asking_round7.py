"""How people ask, as seen in the fresh questions of round 7 of issue 10. On the hand-made
statement (no model)."""

from __future__ import annotations

import pytest
import synthetic

from qa.definitions import defined_phrase, defines
from qa.evidence import number_counts
from qa.intents import asks_recommendation
from qa.respond import Responder
from qa.shorthand import Shorthand


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(synthetic.store())


# -- who took part in something ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which organisations took part in the roundtable?",
        "which orgs took part in the roundtable",
        "Which organisations participated in the roundtable?",
    ],
)
def test_who_took_part_in_a_named_event_leads_with_the_passage_naming_the_most(responder, question):
    reply = synthetic.answer(responder, question)
    assert not reply.abstained
    assert reply.citations[0].passage.id == "overview/2"


def test_what_was_taken_part_in_is_read_from_after_the_verb(responder):
    query = responder.analyser.analyse("Which organisations took part in the roundtable?")
    assert query.participants
    assert query.taken_part_in == ("roundtabl",)


@pytest.mark.parametrize(
    "question",
    [
        "Which organisations attended?",  # the dialogue itself: its attendance list, as ranked
        "What did the organisations say about the roundtable?",  # no taking part asked
    ],
)
def test_no_event_named_or_no_taking_part_leaves_the_order_to_retrieval(responder, question):
    query = responder.analyser.analyse(question)
    assert not (query.participants and query.taken_part_in)


# -- when the dialogue took place ----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "dates of the fourth RSO constructive dialogue",
        "what were the dates of the dialogue?",
        "date of the 4th constructive dialogue",
        "When was the fourth RSO Constructive Dialogue?",
        "When was the dialogue held, according to the statement?",
    ],
)
def test_the_dialogues_dates_asked_without_a_verb_are_when_it_was_held(responder, question):
    assert responder.analyser.analyse(question).when_held


@pytest.mark.parametrize(
    "question",
    [
        "When was the dialogue panel on scams held?",  # a part of it, asked by its topic
        "When is the next dialogue?",
        "What is the date of the ministerial conference?",
    ],
)
def test_a_date_of_anything_else_is_not_the_dialogues_own(responder, question):
    assert not responder.analyser.analyse(question).when_held


# -- how a case ended in court -------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What verdict came out of Tonga's first trafficking prosecution?",
        "Did Tonga's first prosecution in a decade end in a conviction?",
        "Was anyone jailed after Tonga's first prosecution?",
        "What sentence was handed down in Tonga's prosecution?",
    ],
)
def test_a_verdict_no_passage_about_the_case_gives_is_declined(responder, question):
    reason = synthetic.rule(responder, "verdict-unsaid", question)
    assert reason is not None and "ended in court" in reason


@pytest.mark.parametrize(
    "question",
    [
        "Did the Indonesian scam centre's cases lead to convictions?",  # its passage says so
        "What did Tonga say about its first trafficking prosecution?",  # no verdict asked
    ],
)
def test_a_verdict_the_passage_gives_or_no_verdict_asked_passes(responder, question):
    assert synthetic.rule(responder, "verdict-unsaid", question) is None


# -- when an actor joined a body ----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "When did Tonga join ASEAN?",
        "When did Tonga accede to ASEAN?",  # the statement writes "ascension"
        "When did Tonga become an ASEAN member?",
        "When did Tonga become a member of ASEAN?",
    ],
)
def test_joining_is_dated_by_the_sentence_that_tells_of_it(responder, question):
    assert synthetic.rule(responder, "unknown-type", question) is None


@pytest.mark.parametrize(
    "question",
    [
        "When did Tonga become a member of the COMMIT Process?",
        "When did Tonga join the COMMIT Process?",
        "When did Tonga become a COMMIT Process member?",
    ],
)
def test_joining_another_body_is_not_dated_by_it(responder, question):
    assert synthetic.rule(responder, "unknown-type", question) == (
        "The passages that answer this give no date."
    )


# -- what a named document holds -----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What are the objectives of the Harbour Strategy for Cooperation?",
        "what are the main aims of the Harbour Strategy for Cooperation",
        "What priorities are set out in the Harbour Strategy for Cooperation?",
    ],
)
def test_what_a_document_only_named_holds_is_declined(responder, question):
    reason = synthetic.rule(responder, "contents-unsaid", question)
    assert reason is not None and "Harbour Strategy for Cooperation" in reason


@pytest.mark.parametrize(
    "question",
    [
        "What are the priorities of the Coral Plan of Action?",  # an apposition says more
        "What did delegates reaffirm about the Harbour Strategy?",  # its contents not asked
        "What are the objectives of the dialogue?",  # no document named
    ],
)
def test_a_document_described_or_contents_not_asked_pass(responder, question):
    assert synthetic.rule(responder, "contents-unsaid", question) is None


# -- the name first, then "what is it" -----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "RILON - what is it and who runs it?",
        "RILON: what's that, and what does it do?",
        "RILON — what is it, and where does it meet?",
    ],
)
def test_a_name_asked_by_a_pronoun_after_it_asks_what_the_name_is(responder, question):
    query = responder.analyser.analyse(question)
    assert query.acronyms == ("RILON",)
    assert query.spelled


@pytest.mark.parametrize(
    "question",
    [
        "Fiji - what is it doing on climate?",  # no acronym asked about
        "What did the RILON network share, and what is it for?",  # the name is not first
    ],
)
def test_a_pronoun_without_a_name_first_asks_no_name(responder, question):
    assert not responder.analyser.analyse(question).spelled


# -- a recommendation verb in -ing ---------------------------------------------------


@pytest.mark.parametrize(
    ("question", "recommends"),
    [
        ("What is Fiji calling for?", True),
        ("What are delegates recommending on data?", True),
        ("Who is urging more support for the Pacific?", True),
        ("What did Australia encourage?", True),
        # The -ing form without "is" names the topic, not what was recommended.
        ("australia - what has it done on exploitation and encouraging reporting", False),
        ("What progress has Fiji made on advising migrants?", False),
    ],
)
def test_a_recommendation_in_ing_is_asked_only_after_is(question, recommends):
    assert asks_recommendation(question) is recommends


# -- "what should governments do" asks what, not which --------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what should governments be doing with tech firms?",
        "What do states want from the information shared?",
        "What can members do about scams?",
    ],
)
def test_an_auxiliary_before_the_actors_asks_what_not_which(responder, question):
    intent = responder.analyser.analyse(question).intent
    assert intent is None or intent.kind != "which"


@pytest.mark.parametrize(
    "question",
    ["Which Pacific countries called for support?", "what other organisations took part"],
)
def test_a_word_qualifying_the_actors_still_asks_which(responder, question):
    assert responder.analyser.analyse(question).intent.kind == "which"


# -- how many, or which of them, are asked --------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What two separate contributions did Fiji make?",
        "What three different things did Fiji call for?",
        "Name the various respective steps Fiji took",
    ],
)
def test_the_number_and_kind_of_things_asked_are_not_what_is_asked_about(responder, question):
    terms = responder.sentences.query_terms(responder.analyser.analyse(question))
    assert not {"two", "three", "separ", "differ", "variou", "respect"} & set(terms)


@pytest.mark.parametrize(
    "question",
    ["What different roles does Fiji play?", "What were Fiji's contributions?"],
)
def test_an_actors_part_in_the_dialogue_is_no_general_knowledge(responder, question):
    assert synthetic.rule(responder, "actor-attribute", question) is None


# -- months typed short -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("meetings in Dec 2025", "meetings in December 2025"),
        ("what happened in sept 2025", "what happened in September 2025"),
        ("the Oct. update", "the October. update"),
    ],
)
def test_a_month_typed_short_is_read_as_the_month(typed, read):
    assert Shorthand(["the", "meetings"]).expand(typed) == read


def test_may_and_mar_are_words_of_their_own():
    assert Shorthand([]).expand("What may mar the plan?") == "What may mar the plan?"


# -- the plan asked about as well ----------------------------------------------------


def test_what_came_of_a_plan_is_declined_as_only_planned(responder):
    reason = synthetic.rule(
        responder, "planned-only", "What did the Common Pathways Forum achieve?"
    )
    assert reason is not None and "only as planned" in reason


def test_asking_about_the_plan_itself_is_answered_by_it(responder):
    question = "What did the Common Pathways Forum achieve, and what does the RSO plan to do?"
    assert synthetic.rule(responder, "planned-only", question) is None


# -- the meeting's own theme, as people point at it ---------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what was this years theme",
        "What was this year's theme, and what was it meant to get people thinking about?",
        "In the foreword, what was this year's theme meant to get participants reflecting on?",
        "What was the dialogue's theme?",
        "What was the dialogue theme?",
    ],
)
def test_this_years_theme_is_the_meetings_own(responder, question):
    assert responder.analyser.analyse(question).intent.kind == "dialogue-theme"
    reply = synthetic.answer(responder, question)
    assert not reply.abstained
    assert reply.citations[0].passage.id == "foreword/1"


def test_a_theme_asked_by_its_number_stays_that_theme(responder):
    intent = responder.analyser.analyse("what was this year's theme 2 about").intent
    assert (intent.kind, intent.theme) == ("theme", 2)


def test_another_meetings_theme_is_a_detail_the_statement_lacks(responder):
    reply = synthetic.answer(responder, "What was the theme of the third dialogue?")
    assert reply.abstained
    assert "third" in reply.reason


# -- what a number counts -------------------------------------------------------------


def test_one_of_many_is_no_count():
    assert not number_counts("one of the agreements of the region", {"agreement"})
    assert number_counts("one binding agreement and two declarations", {"agreement"})


def test_an_actor_naming_what_is_counted_is_not_what_is_counted(responder):
    # "432,000 complaints" in Indonesia's passage counts no officers.
    reason = synthetic.rule(responder, "no-figure", "How many Indonesia officers were trained?")
    assert reason is not None
    assert synthetic.rule(responder, "no-figure", "How many complaints did Indonesia get?") is None


# -- which actor ranks first ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which country has the best climate readiness?",
        "Which country does the statement rate as having the strongest climate training?",
        "according to the statement which country's climate planning is most effective",
    ],
)
def test_a_ranking_no_answering_sentence_makes_is_declined(responder, question):
    reason = synthetic.rule(responder, "ranking-unsaid", question)
    assert reason is not None and "does not rank the countries" in reason


@pytest.mark.parametrize(
    "question",
    [
        "Which country led the largest repatriation effort?",  # Thailand's passage says so
        "What best practices did countries share on scams?",  # shared, not ranked
        "What is the most effective response to scams?",  # no actor asked to be ranked
    ],
)
def test_a_ranking_the_statement_makes_or_no_actor_ranked_passes(responder, question):
    assert synthetic.rule(responder, "ranking-unsaid", question) is None


# -- what an actor said about a named thing -------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What did Fiji say about the Coral Plan of Action?",
        "What is Fiji's view on the Harbour Strategy for Cooperation?",
    ],
)
def test_a_named_thing_the_actor_never_speaks_of_is_declined(responder, question):
    reason = synthetic.rule(responder, "name-unsaid", question)
    assert reason is not None and "where Fiji speaks do not mention" in reason


@pytest.mark.parametrize(
    "question",
    [
        "What did Indonesia say about the Anti Scam Centre?",  # its own passage names it
        "What did Fiji call on Safe Seas Members to consider?",  # no named thing asked
        "What did Fiji say about the Global Compact on Seas?",  # not a name the statement uses
    ],
)
def test_a_thing_the_actor_names_or_no_thing_of_the_statement_passes(responder, question):
    assert synthetic.rule(responder, "name-unsaid", question) is None


# -- general knowledge asked with "current" or a reason -------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Who is Fiji's current prime minister?",
        "Who is Fiji's current prime minister, given Fiji called for climate readiness?",
        "Who is Fiji's prime minister, since Fiji trains with Tonga?",
    ],
)
def test_a_standing_fact_asked_now_or_with_a_reason_is_an_attribute(responder, question):
    assert responder.analyser.analyse(question).attribute == "prime minister"
    assert synthetic.rule(responder, "actor-attribute", question) is not None


# -- a definition by the sentence that opens with the name ----------------------------


def test_a_sentence_opening_with_the_name_and_saying_what_it_provides_defines_it():
    text = "Updates were shared. The routes-based approach provides a whole-of-journey framework."
    assert defines(text, "routes-based approach")
    assert defines(text, "route-based approach")  # a plural "s" may differ


def test_the_name_inside_a_longer_subject_does_not_define_it():
    text = "The IOM and UNHCR routes-based approach provides a framework to support governments."
    assert not defines(text, "routes-based approach")


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Define the routes-based approach as set out by IOM and UNHCR.", "routes-based approach"),
        ("Can you explain the routes-based approach promoted by IOM?", "routes-based approach"),
        ("explain polycriminality", "polycriminality"),
    ],
)
def test_who_set_a_name_out_is_no_part_of_it(question, phrase):
    assert defined_phrase(question) == phrase


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("What is the Fiji and Tonga roundtable format?", "roundtable format"),
        ("What is the COMMIT Process?", "COMMIT Process"),  # an actor's own name stays whole
    ],
)
def test_the_actors_that_qualify_a_name_are_no_part_of_it(responder, question, phrase):
    assert responder.analyser.analyse(question).defined == phrase


# -- the review's cases: what each reading must leave alone ---------------------------


@pytest.mark.parametrize(
    "question",
    ["How did Fiji address this year's theme?", "Which countries spoke about this year's theme?"],
)
def test_an_actor_or_a_which_question_about_the_theme_keeps_its_reading(responder, question):
    intent = responder.analyser.analyse(question).intent
    assert intent is None or intent.kind != "dialogue-theme"


def test_an_auxiliary_before_the_actors_asks_no_ranking(responder):
    question = "What should governments do to be most effective against scams?"
    assert synthetic.rule(responder, "ranking-unsaid", question) is None


def test_a_planning_word_alone_does_not_ask_about_the_plan(responder):
    question = "Has the proposed Common Pathways Forum achieved anything?"
    assert synthetic.rule(responder, "planned-only", question) is not None


def test_a_name_first_must_be_the_acronym_alone(responder):
    query = responder.analyser.analyse("In 2025, RILON met - what was that about?")
    assert not query.spelled


def test_a_ruling_party_is_no_court_ruling(responder):
    assert synthetic.rule(responder, "verdict-unsaid", "Who is the ruling party in Fiji?") is None


def test_what_was_taken_part_in_stops_at_the_next_ask(responder):
    query = responder.analyser.analyse(
        "Which organisations took part in the roundtable and what did they say about scams?"
    )
    assert query.taken_part_in == ("roundtabl",)


def test_a_documents_name_stops_at_the_next_ask(responder):
    question = "What are the objectives of the Harbour Strategy for Cooperation and who wrote it?"
    reason = synthetic.rule(responder, "contents-unsaid", question)
    assert reason is not None and "“Harbour Strategy for Cooperation”" in reason


@pytest.mark.parametrize(
    "question",
    ["What is the progress on encouraging reporting?", "What is the status of proposing laws?"],
)
def test_an_ing_verb_after_a_preposition_names_the_topic(question):
    assert not asks_recommendation(question)
