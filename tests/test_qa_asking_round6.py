"""How people ask, as seen in the fresh questions of round 6 of issue 10: the shorthand of
notes and chat, acronyms typed in lower case, and "how many" answered first by the
passage that gives the number. On the hand-made statement (no model)."""

from __future__ import annotations

import pytest
import synthetic

from corpus.actors import Gazetteer
from qa.analyse import QueryAnalyser
from qa.config import RetrievalConfig
from qa.evidence import number_counts
from qa.respond import Responder
from qa.shorthand import Shorthand


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(synthetic.store())


# -- shorthand -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("how many ppl were repatriated", "how many people were repatriated"),
        (
            "which countries signed MoUs with Bangladesh",
            "which countries signed memoranda of understanding with Bangladesh",
        ),
        ("what did the Govt of Fiji say", "what did the government of Fiji say"),
        ("which orgs took part", "which organisations took part"),
        ("info sharing w/ Thailand", "information sharing with Thailand"),
    ],
)
def test_shorthand_is_read_as_the_words_it_stands_for(typed, read):
    assert Shorthand(["the", "statement"]).expand(typed) == read


def test_shorthand_inside_a_word_or_an_address_stays_as_typed():
    shorthand = Shorthand([])
    assert shorthand.expand("the organisation's info@rso.org inbox") == (
        "the organisation's info@rso.org inbox"
    )
    assert shorthand.expand("technology and orgasmic") == "technology and orgasmic"


def test_shorthand_the_statement_writes_itself_is_its_own_word():
    assert Shorthand(["NGO", "partners"]).expand("What did the NGO say?") == "What did the NGO say?"
    assert Shorthand(["partners"]).expand("What did the NGO say?") == (
        "What did the non-governmental organisation say?"
    )


def test_a_count_asked_in_shorthand_finds_the_figure_in_full_words(responder):
    reply = synthetic.answer(responder, "how many ppl did thailand help repatriate from myawaddy")
    assert not reply.abstained
    assert reply.citations[0].passage.id == "theme-2/spotlight/thailand"


def test_the_question_shown_keeps_the_shorthand_typed(responder):
    query = responder.analyser.analyse("how many ppl did Thailand repatriate?")
    assert query.text == "how many ppl did Thailand repatriate?"
    assert "people" in query.core


# -- acronyms typed in lower case -------------------------------------------------------


def _analyser() -> QueryAnalyser:
    glossary = {"RSO": "Regional Support Office", "IT": "Information Technology"}
    gazetteer = Gazetteer.for_statement(glossary.items())
    return QueryAnalyser(
        gazetteer, frozenset({"RSO"}), glossary, texts=["The RSO said it would help."]
    )


def test_a_question_all_in_lower_case_spells_acronyms_in_lower_case():
    analyser = _analyser()
    assert analyser.analyse("what is the rso").acronyms == ("RSO",)
    assert analyser.analyse("what is the rso").definition


def test_a_lower_case_word_of_the_statement_is_no_acronym_even_so():
    # "it" is a word the statement writes: "what is it" asks nothing about IT.
    assert _analyser().analyse("what is it").acronyms == ()


def test_in_a_question_with_capitals_a_short_acronym_is_written_in_capitals():
    assert _analyser().analyse("What is the rso doing?").acronyms == ()
    assert _analyser().analyse("What is the RSO doing?").acronyms == ("RSO",)


# -- how many: the passage that gives the number first ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "wanted", "counts"),
    [
        ("which brings together 45 Member States, 4 Member Organisations", {"member"}, True),
        ("over 11,000 people from more than 40 countries", {"peopl"}, True),
        ("more than 100 delegates from 36 countries and organisations", {"group"}, False),
        ("The Working Group met in 2025 with partners", {"group"}, False),
    ],
)
def test_a_number_counts_what_follows_it_within_three_words(sentence, wanted, counts):
    assert number_counts(sentence, wanted) is counts


# -- what the dialogue as a whole concluded ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What did the dialogue conclude overall?",
        "What are the key takeaways from the dialogue?",
        "what were the main outcomes of the dialogue",
        "What are the main messages of the statement?",
        "Conclusions?",
    ],
)
def test_the_dialogues_conclusions_are_its_closing_section(responder, question):
    intent = responder.analyser.analyse(question).intent
    assert intent is not None and intent.section == "looking-ahead" and intent.summary
    reply = synthetic.answer(responder, question)
    assert not reply.abstained
    assert [c.passage.id for c in reply.citations] == ["looking-ahead/1"]


@pytest.mark.parametrize(
    "question",
    [
        "What did delegates conclude about information sharing?",
        "What were the findings of the Fifth Border Forum?",
    ],
)
def test_a_conclusion_about_something_asks_about_that_thing(responder, question):
    intent = responder.analyser.analyse(question).intent
    assert intent is None or intent.section != "looking-ahead"


# -- when something was founded, or starts --------------------------------------------------


NO_DATE = "The passages that answer this give no date."


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # A founding: Indonesia's passage tells of it but gives no date; the passages near
        # it give dates of other things ("for 2025").
        ("What year was Indonesia's anti scam centre established?", NO_DATE),
        ("when was the anti scam centre in jakarta set up", NO_DATE),
        # A signing or ratifying: Thailand's passage is dated, but tells of neither.
        ("When did Thailand sign the COMMIT priorities?", NO_DATE),
        ("when did Thailand ratify them", NO_DATE),
        # A start asked in the present tense, or a schedule: the forum is planned with no
        # date; the workshop's sentence gives one.
        ("When does the Common Pathways Forum launch?", NO_DATE),
        ("When does the border workshop start?", None),
        ("When is the Common Pathways Forum scheduled?", NO_DATE),
        ("When is the border workshop scheduled?", None),
    ],
)
def test_a_date_of_one_thing_needs_a_dated_sentence_that_tells_of_that_thing(
    responder, question, reason
):
    assert synthetic.rule(responder, "unknown-type", question) == reason


# -- what an acronym stands for, and more --------------------------------------------------


def test_what_letters_stand_for_and_what_it_does_is_answered_by_its_introduction(responder):
    # The glossary line gives only the letters; the passage that introduces the name
    # gives both.
    reply = synthetic.answer(responder, "What does RILON stand for and what alerts does it share?")
    assert not reply.abstained
    assert reply.citations[0].passage.id == "theme-2/narrative/1"


# -- a longer subject before a passive verb; hedges ----------------------------------------


def test_a_name_that_opens_a_long_subject_of_a_passive_verb_does_not_act():
    from corpus.actors import Gazetteer
    from qa.voices import asks_voice

    gazetteer = Gazetteer.for_statement([("IGC", "Intergovernmental Consultations")])
    question = "Where and when will the IGC Annual Meeting under Australia's chairship be held?"
    assert asks_voice(question, gazetteer.mentions(question)) == ("", ())
    # ... while the name before its own verb still acts.
    asked = "Where will IGC convene its annual meeting under Australia's chairship?"
    assert asks_voice(asked, gazetteer.mentions(asked)) == ("act", ("IGC",))


@pytest.mark.parametrize("hedge", ["actually", "really", "exactly", "afterwards", "basically"])
def test_a_hedge_is_how_a_thing_is_asked_not_what(responder, hedge):
    question = f"What did Fiji {hedge} call for on climate?"
    terms = responder.sentences.query_terms(responder.analyser.analyse(question))
    assert hedge not in terms and not any(t.startswith(hedge[:5]) for t in terms)
    assert not synthetic.answer(responder, question).abstained


# -- what the statement itself says --------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "own"),
    [
        ("What does the statement say about climate?", True),
        ("what did delegates note on climate", True),
        ("What came up about climate during the discussions?", True),
        ("How does the statement characterise climate pressures?", True),
        ("What did Fiji say about climate?", False),  # one actor's words asked
        ("What is climate readiness?", False),
    ],
)
def test_what_the_statement_itself_says_is_asked_in_these_words(responder, question, own):
    assert responder.analyser.analyse(question).own_words is own


def test_for_the_statements_own_words_an_actors_report_ranks_lower(responder):
    from qa.retrieve import retrieve

    def scores(question: str) -> dict[str, float]:
        query = responder.analyser.analyse(question)
        vector = synthetic.encode([query.search_text])[0]
        hits = retrieve(query, vector, responder.store, RetrievalConfig(), voices=responder.voices)
        return {responder.store.passages[h.passage].id: h.score for h in hits}

    own = scores("What does the statement say about climate?")
    plain = scores("What does the text say about climate?")
    penalty = RetrievalConfig().report_penalty
    assert own["theme-1/spotlight/fiji"] == pytest.approx(plain["theme-1/spotlight/fiji"] - penalty)
    assert own["theme-1/recommendation/fiji"] == pytest.approx(plain["theme-1/recommendation/fiji"])


# -- who signed what -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which countries have signed the COMMIT priorities?",
        "Did Thailand ratify the COMMIT priorities?",
        "Which agreement did Fiji sign?",
    ],
)
def test_a_signing_no_sentence_tells_of_is_declined(responder, question):
    reason = synthetic.rule(responder, "signing-unsaid", question)
    assert reason is not None and "no sentence tells of it" in reason


def test_who_signed_the_statement_asks_its_signature_blocks_not_a_signing(responder):
    assert synthetic.rule(responder, "signing-unsaid", "Who signed the foreword?") is None


# -- where an event was held -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where was the tabletop exercise held?", "place"),
        ("where will the border workshop take place", "place"),
        ("Where were the scam centres located?", None),  # where a thing is: not checked
        ("Where does the statement discuss climate?", None),
    ],
)
def test_where_an_event_was_held_asks_for_a_place(responder, question, kind):
    asked = responder.analyser.analyse(question).asked
    assert (asked.kind if asked else None) == kind


def test_where_an_event_was_held_needs_a_place_in_a_sentence_about_it(responder):
    # The workshop is dated ("in 2027") but placed nowhere; the centre is placed.
    declined = synthetic.rule(responder, "unknown-type", "Where will the border workshop be held?")
    assert declined == "The passages that answer this give no place."
    assert (
        synthetic.rule(responder, "unknown-type", "Where was the anti scam centre headquartered?")
        is None
    )


# -- the statement named after the question ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("What is RILON, as the statement defines it?", "What is RILON?"),
        ("What is polycriminality as defined in the statement?", "What is polycriminality?"),
        (
            "How is reintegration framed, as the document presents it?",
            "How is reintegration framed?",
        ),
    ],
)
def test_the_statement_named_after_the_question_is_scope(question, core):
    from qa.intents import strip_scope

    assert strip_scope(question) == core


def test_the_dialogue_asked_about_stays_when_the_statement_is_named_after_it(responder):
    query = responder.analyser.analyse(
        "What is the Constructive Dialogue, as the statement defines it?"
    )
    assert query.core == "What is the Constructive Dialogue?"


# -- "list ...", letters never spelt out, one of a series, a demonym -----------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("List everything Australia is doing.", "everything Australia is doing."),
        (
            "List all the organisations in the Tour de Table",
            "the organisations in the Tour de Table",
        ),
        ("name the countries that repatriated people", "the countries that repatriated people"),
        ("Names of the co-chairs?", "Names of the co-chairs?"),  # a noun, no request
    ],
)
def test_a_request_to_list_wraps_what_to_list(typed, read):
    from qa.wording import strip_request

    assert strip_request(typed) == read


@pytest.mark.parametrize(
    "question",
    [
        "What does RILON stand for?",  # written beside its full name
        "what does Canada stand for",  # a name in words
        "What does COMMIT stand for?",  # a glossary line
    ],
)
def test_letters_the_statement_spells_out_or_a_name_in_words_are_not_declined(responder, question):
    assert synthetic.rule(responder, "letters-unsaid", question) is None


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("Which countries are in the second RILON response group?", "second"),
        ("When was the third national plan issued?", "third"),
        ("Which countries are in the first RILON response group?", None),  # a new one
    ],
)
def test_an_ordinal_past_the_first_before_a_group_or_plan_numbers_one_of_a_series(
    question, ordinal
):
    from qa.intents import find_specifics

    assert [s.text for s in find_specifics(question)] == ([ordinal] if ordinal else [])


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("Who funds the Bangladeshi officers?", "Bangladesh"),
        ("what australian measures were mentioned", "Australia"),
        ("Who funds the secondment of Sri Lankan officers?", "Sri Lanka"),
        ("What did the Philippine government organise?", "Philippines"),
        ("What is the main finding of the Asian report?", None),
    ],
)
def test_a_country_named_by_its_demonym_is_a_detail_of_the_question(question, country):
    glossary: dict[str, str] = {}
    gazetteer = Gazetteer.for_statement(glossary.items())
    analyser = QueryAnalyser(gazetteer, frozenset(), glossary)
    places = [s.forms[0] for s in analyser.analyse(question).specifics if s.kind == "place"]
    assert places == ([country] if country else [])


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("when did the dialogue take place", True),
        ("When was the Fourth Dialogue held?", True),
        ("On what dates was the dialogue held?", True),
        ("When did the dialogue discuss scam centres?", False),  # more is asked
        ("When was the Common Pathways Forum held?", False),  # another event
    ],
)
def test_when_the_dialogue_itself_was_held_is_asked_in_these_words(responder, question, held):
    assert responder.analyser.analyse(question).when_held is held
