"""The named parts of question answering, each on a small hand-made statement (no model):
who speaks, scope and specifics, structural intents, ranking signals, every refusal
rule with its reason code, the answer's markers and lines, structural answers."""

from __future__ import annotations

import re

import numpy as np
import pytest
import synthetic

from corpus.actors import Gazetteer
from qa.analyse import QueryAnalyser, asks_twice
from qa.answer import Quote, compose_text, supported, with_marker
from qa.config import RetrievalConfig, with_overrides
from qa.evidence import CODES, RULES
from qa.intents import asked_type, claimed_words, dialogue_detail, find_specifics, strip_scope
from qa.records import Answer, Citation
from qa.respond import Responder
from qa.retrieve import Hit, introduces, retrieve
from qa.sentences import KeySentence
from qa.structure import count_list, part_of
from qa.voices import asks_voice, clause_subjects
from qa.wording import strip_request


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(synthetic.store())


def ask(responder: Responder, question: str, config: RetrievalConfig | None = None) -> Answer:
    query = responder.analyser.analyse(question)
    return responder.respond(
        query, synthetic.encode, config or RetrievalConfig(), k=5, filters=None, started=0.0
    )


def ids(answer: Answer) -> list[str]:
    return [c.passage.id for c in answer.citations]


# -- who speaks ---------------------------------------------------------------------------


def test_leads_and_clause_subjects_speak_but_listed_bracketed_and_placed_actors_do_not(responder):
    voices = {p.id: responder.voices.of(i) for i, p in enumerate(responder.store.passages)}
    assert voices["theme-1/spotlight/fiji"] == ("Fiji", "Tonga")  # "Fiji and Tonga called for"
    assert voices["theme-2/spotlight/thailand"] == ("Thailand",)  # "Myawaddy, Myanmar": a place
    assert voices["theme-2/spotlight/commit-process"] == ("COMMIT Process",)  # a bracketed list
    assert voices["participation/1"] == ()  # an attendance list
    assert not responder.voices.speaks("Myanmar") and responder.voices.speaks("Tonga")


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("Fiji, Tonga and Thailand participated alongside the Co-Chairs.", []),
        ("Fiji and Tonga took part in the tour de table.", []),
        ("Fiji and Tonga were represented.", []),
        ("Fiji and Tonga called for joint training.", ["Fiji", "Tonga"]),
    ],
)
def test_taking_part_is_no_speaking(responder, text, subjects):
    assert clause_subjects(text, responder.gazetteer.mentions(text)) == subjects


def test_the_agent_of_a_passive_speaks(responder):
    text = "The group, co-chaired by the governments of New Zealand and Viet Nam, met in Laos."
    mentions = responder.gazetteer.mentions(text)
    assert clause_subjects(text, mentions) == ["New Zealand", "Viet Nam"]


@pytest.mark.parametrize(
    ("question", "kind", "subjects"),
    [
        ("What did Laos recommend?", "speech", ("Laos",)),
        ("What is Fiji's position on climate?", "speech", ("Fiji",)),
        ("According to Japan, what drives crime?", "speech", ("Japan",)),
        ("what do fiji and tonga want from partners", "speech", ("Fiji", "Tonga")),
        ("What did Norway announce for the RILON network?", "speech", ("Norway",)),
        # A bracketed acronym after the name, and a question that asks for something said.
        (
            "What recommendations did the Regional Information Liaison and Outreach Network "
            "(RILON) make on data?",
            "speech",
            ("RILON",),
        ),
        ("What examples did Thailand give?", "speech", ("Thailand",)),
        ("What has Myanmar done about scam centres?", "act", ("Myanmar",)),
        ("How is Malaysia involved in the initiatives?", "", ()),
        # The name modifies the subject: the initiative acts, not RILON.
        ("What will the RILON initiative strengthen?", "", ()),
        ("What does the RILON refresh aim to do?", "", ()),
        ("What role does Viet Nam play?", "", ()),
        ("What roles does Thailand hold?", "", ()),  # a role held, not an act
        # What a name means is not something it did.
        ("What does RILON stand for, and what is the network meant to do?", "", ()),
        ("What does COMMIT mean?", "", ()),
        ("What did Tonga gain from the COMMIT Process?", "", ()),
        ("What support did Fiji receive?", "", ()),
        ("Which countries are members of COMMIT?", "", ()),
        # The name opens a longer subject of a passive: a meeting is held, Tonga does nothing.
        ("Where will the Tonga annual meeting be held?", "", ()),
        ("Has Thailand been recognised for its work?", "act", ("Thailand",)),
    ],
)
def test_a_question_asks_an_actor_to_speak_to_act_or_neither(responder, question, kind, subjects):
    assert asks_voice(question, responder.gazetteer.mentions(question)) == (kind, subjects)


# -- how people ask ---------------------------------------------------------------------


def test_a_lower_case_word_of_the_statement_is_not_the_acronym_it_spells(responder):
    analyse = responder.analyser.analyse
    # "commit" is the verb of "commitment", which the statement writes in lower case.
    assert analyse("What were victims in Thailand forced to commit?").actors == ("Thailand",)
    assert analyse("What did COMMIT say about priorities?").actors == ("COMMIT Process",)
    # Typed all in lower case, an acronym may be written so: it is the body.
    assert analyse("what did commit say about priorities").actors == ("COMMIT Process",)


@pytest.mark.parametrize(
    ("question", "core"),
    [
        (
            "What did Fiji call for at the Fourth RSO Constructive Dialogue?",
            "What did Fiji call for?",
        ),
        (
            "what did nepal call for at the fourth rso constructive dialogue",
            "what did nepal call for",
        ),
        ("According to the outcome statement, what is RILON?", "what is RILON?"),
        ("What was the theme of the 2026 constructive dialogue?", "What was the theme?"),
        ("What did Fiji say in the statement?", "What did Fiji say?"),
        # The document as the subject says nothing of what is asked.
        (
            "What does the outcome statement mean by trusted exchange?",
            "What does mean by trusted exchange?",
        ),
        ("How does the statement frame returns?", "How does frame returns?"),
        # Another meeting is not scope: it is a detail that has to match.
        (
            "When is the Fifth RSO Constructive Dialogue?",
            "When is the Fifth RSO Constructive Dialogue?",
        ),
        (
            "What is the purpose of this outcome statement?",
            "What is the purpose of this outcome statement?",
        ),
    ],
)
def test_scope_phrases_are_dropped_and_other_meetings_kept(question, core):
    assert strip_scope(question) == core


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("Can you tell me what Fiji called for?", "what Fiji called for?"),
        ("I'd like to know: What did Tonga call for?", "What did Tonga call for?"),
        ("Briefly, what did Tonga report?", "what did Tonga report?"),
        ("Please, could you tell me which hotel hosted it?", "which hotel hosted it?"),
        ("Do you know what RILON is?", "what is RILON?"),  # the embedded verb goes back
        ("Can you explain what the Border Forum is?", "what is the Border Forum?"),
        ("what's the capital of Tonga?", "what is the capital of Tonga?"),
        ("whats SOMTC", "what is SOMTC"),
        ("who heads IOM at the moment?", "who heads IOM?"),  # when the asker stands
        ("Who is the head of IOM right now?", "Who is the head of IOM?"),
        ('"Which hotel hosted the dialogue?"', "Which hotel hosted the dialogue?"),
        ("What language is spoken there, please?", "What language is spoken there?"),
        ("How much was recovered??", "How much was recovered?"),
        ("What is the Philippines' plan?", "What is the Philippines' plan?"),
        # A request that is the question itself, or a verb that asks for a summary, stays.
        ("Tell me about theme 2", "Tell me about theme 2"),
        ("Briefly explain RILON", "Briefly explain RILON"),
        ("Can migrant workers change employers?", "Can migrant workers change employers?"),
        ("Can you tell me", "Can you tell me"),
    ],
)
def test_a_request_wrapped_around_a_question_is_dropped(question, core):
    assert strip_request(question) == core


@pytest.mark.parametrize(
    "wrapped",
    [
        "Summarise theme 1",
        "I'd like to know: Summarise theme 1",
        "Briefly, Summarise theme 1",
        "Can you tell me, Summarise theme 1",
        '"Summarise theme 1"',
        "Summarise theme 1, please??",
    ],
)
def test_a_wrapped_question_gets_the_answer_of_the_plain_one(responder, wrapped):
    answer = ask(responder, wrapped)
    assert not answer.abstained and ids(answer)[0] == "key-insight/1"
    assert len(ids(answer)) == 4


def test_a_question_in_title_case_names_nothing_by_its_capitals(responder):
    titled = responder.analyser.analyse("What Did Fiji Call For In Migration Planning?")
    assert titled.names == () and titled.actors == ("Fiji",)
    assert not ask(responder, "What Did Fiji Call For In Migration Planning?").abstained
    # In a question typed as usual, a run of capitals is still a name.
    assert responder.analyser.analyse("What did the World Bank fund?").names == ("World Bank",)


def test_a_country_before_a_currency_names_the_currency_not_the_actor(responder):
    assert responder.analyser.analyse("How much were the losses in Fiji dollars?").actors == ()
    assert responder.analyser.analyse("How much did Fiji lose?").actors == ("Fiji",)


def test_a_list_word_inside_a_name_asks_for_no_list_block():
    glossary = {"RSO": "Regional Support Office of the Bali Process"}
    gazetteer = Gazetteer.for_statement(glossary.items())
    analyser = QueryAnalyser(gazetteer, frozenset({"RSO"}), glossary)
    named = analyser.analyse("What is the Regional Support Office of the Bali Process for?")
    assert named.actors == ("RSO",) and named.lists == frozenset()
    assert analyser.analyse("Where is the RSO office located?").lists == {"contact"}


@pytest.mark.parametrize(
    ("question", "core", "ordinals"),
    [
        (
            "What did Fiji say at the Fourth Regional Support Office of the Bali Process "
            "Constructive Dialogue?",
            "What did Fiji say?",
            [],
        ),
        (
            "When will the Fifth Regional Support Office of the Bali Process Constructive "
            "Dialogue take place?",
            "When will the Fifth Regional Support Office of the Bali Process Constructive "
            "Dialogue take place?",
            ["Fifth"],
        ),
    ],
)
def test_the_office_by_its_full_name_is_the_dialogue_host(question, core, ordinals):
    assert strip_scope(question) == core
    assert [s.text for s in find_specifics(question)] == ordinals


def test_the_next_steps_are_no_other_meeting_and_a_bodys_next_steps_no_section(responder):
    assert find_specifics("What are the next steps after the dialogue?") == ()
    assert responder.analyser.analyse("What are the next steps for RILON?").intent is None


def test_the_next_meeting_is_the_upcoming_one_and_the_previous_the_prior_one():
    (after,) = find_specifics("What will happen at the next ministerial meeting?")
    assert after.found_in("captured through upcoming Ministerial meetings")
    assert not after.found_in("the previous Ministerial meeting")
    (before,) = find_specifics("What did the previous forum find?")
    assert before.found_in("the prior forum") and not before.found_in("the next forum")


def test_specifics_are_years_figures_and_ordinals_but_not_self_references():
    found = find_specifics("Did the fourth dialogue see 12,000 people in 2024?")
    assert [(s.kind, s.text) for s in found] == [("figure", "12,000"), ("year", "2024")]
    (figure,) = find_specifics("over 11000 people")
    assert figure.found_in("over 11,000 people") and not figure.found_in("211,000 people")


@pytest.mark.parametrize(
    ("question", "ordinals"),
    [
        ("What happened at the Fifth Dialogue?", ["Fifth"]),
        ("What did Sri Lanka's second District-level Anti Trafficking Forum discuss?", ["second"]),
        ("What did the third round of talks agree?", ["third"]),
        ("When is the next RSO Constructive Dialogue?", ["next RSO Constructive Dialogue"]),
        # A plain adjective: the ordinal numbers no event or part.
        ("Which countries are in the first RILON response group?", []),
        ("Was this a first for the region?", []),
    ],
)
def test_an_ordinal_is_a_detail_only_where_it_numbers_an_event_or_a_part(question, ordinals):
    assert [s.text for s in find_specifics(question) if s.kind == "ordinal"] == ordinals


@pytest.mark.parametrize(
    ("question", "kind", "detail", "summary"),
    [
        ("Summarise theme 2", "theme", 2, True),
        ("Summarise theme 2 on countering scams", "theme", 2, True),
        ("Summarise theme 2 on what Fiji said", "theme", 2, False),
        ("What is the first theme about?", "theme", 1, True),
        ("Give me an overview of the scams theme", "theme", 2, True),
        ("What did Fiji say under theme 1?", "theme", 1, False),
        # A theme by its title words may be called a section.
        ("What does the scams section say about repatriation?", "theme", 2, False),
        ("What does the foreword section say about trust?", "section", "foreword", False),
        ("What does the foreword say?", "section", "foreword", True),
        ("What are the key insights?", "section", "key-insight", True),
        ("What are the next steps after the dialogue?", "section", "looking-ahead", True),
        ("What was the theme of the dialogue?", "dialogue-theme", None, True),
        ("Which countries repatriated people?", "which", "country", False),
        ("How many countries attended?", "count", "country", False),
    ],
)
def test_structural_intents(responder, question, kind, detail, summary):
    intent = responder.analyser.analyse(question).intent
    assert intent is not None and intent.kind == kind
    assert detail in (intent.theme, intent.section, intent.actor_class, None)
    assert intent.summary is summary


# -- ranking -------------------------------------------------------------------------------


def test_the_actor_who_speaks_ranks_above_a_passage_that_only_names_it(responder):
    query = responder.analyser.analyse("What did Thailand say?")
    vector = synthetic.encode([query.search_text])[0]
    hits = retrieve(query, vector, responder.store, RetrievalConfig(), voices=responder.voices)
    top = responder.store.passages[hits[0].passage]
    assert top.id == "theme-2/spotlight/thailand" and hits[0].speaker and hits[0].voice
    commit = next(
        h for h in hits if responder.store.passages[h.passage].id.endswith("commit-process")
    )
    assert commit.mentioned and not commit.voice


@pytest.mark.parametrize(
    ("question", "recommends"),
    [
        ("What did Fiji recommend?", True),
        ("What did the Maldives call for?", True),
        ("Where does Fiji think training should be aimed?", True),  # an actor's view
        ("How should information sharing be understood?", False),  # the statement's view
        ("What was proposed on climate?", True),
        ("What did Fiji say about climate?", False),
        ("Who called the meeting?", False),
    ],
)
def test_a_question_asks_what_was_recommended_by_its_verb(responder, question, recommends):
    assert responder.analyser.analyse(question).recommends is recommends


def test_a_recommendation_row_leads_a_question_about_what_an_actor_recommended(responder):
    def top(question: str, config: RetrievalConfig) -> str:
        query = responder.analyser.analyse(question)
        vector = synthetic.encode([query.search_text])[0]
        hits = retrieve(query, vector, responder.store, config, voices=responder.voices)
        return responder.store.passages[hits[0].passage].id

    off = with_overrides(RetrievalConfig(), recommend_boost=0.0)
    assert top("What did Fiji recommend?", off) == "theme-1/spotlight/fiji"
    assert top("What did Fiji recommend?", RetrievalConfig()) == "theme-1/recommendation/fiji"
    # The words of the question still decide where the row does not bear on them.
    assert top("What did Fiji call for on joint training?", RetrievalConfig()) == (
        "theme-1/spotlight/fiji"
    )


@pytest.mark.parametrize(
    ("question", "definition"),
    [
        ("What is RILON?", True),
        ("What is the Regional Information Liaison and Outreach Network?", True),
        ("Regional Information Liaison and Outreach Network meaning?", True),
        ("What did the Regional Information Liaison and Outreach Network share?", False),
        ("RILON?", True),  # the name alone, as typed in a search box
        ("rilon", True),
        ("RILON alerts?", False),  # the name and something else
    ],
)
def test_a_body_asked_for_by_its_full_name_is_a_definition_too(responder, question, definition):
    query = responder.analyser.analyse(question)
    assert query.acronyms == ("RILON",) and query.definition is definition


def test_a_glossary_name_is_asked_by_its_capitalised_first_word(responder):
    query = responder.analyser.analyse("What does COMMIT stand for?")
    assert query.acronyms == ("COMMIT Process",) and query.definition and query.expansion
    # In lower case it is a word ("commit to"), not the body's letters.
    assert responder.analyser.analyse("What did delegates commit to?").acronyms == ()


def test_the_glossary_asked_for_as_a_whole_lists_every_entry(responder):
    answer = ask(responder, "What is in the glossary?")
    assert ids(answer) == ["glossary/rilon", "glossary/commit-process"]
    assert answer.text.splitlines()[0].startswith("RILON")


def test_words_of_an_acronyms_full_name_count_only_when_the_name_is_asked(responder):
    query = responder.analyser.analyse("What is the COMMIT Process initiative against trafficking?")
    assert query.acronyms == ("COMMIT Process",) and not query.definition


@pytest.mark.parametrize(
    ("text", "introduced"),
    [
        ("the Indonesia Foreign Law Enforcement Community (IFLEC) in Indonesia", True),
        ("has published its Subregion Plan of Action, or SPA-V, its framework", True),
        ("IFLEC, the Indonesia Foreign Law Enforcement Community, met", False),
        # Punctuation between the words of the name differs from the glossary's.
        ("the Indonesia Foreign-Law Enforcement, Community (IFLEC) met", True),
        ("the Indonesia Foreign Law Enforcement Community met", False),
    ],
)
def test_a_passage_introduces_an_acronym_by_its_full_name_then_its_letters(text, introduced):
    acronym = "SPA-V" if "SPA-V" in text else "IFLEC"
    full = (
        "Subregion Plan of Action"
        if acronym == "SPA-V"
        else ("Indonesia Foreign Law Enforcement Community")
    )
    assert introduces(text, full, acronym) is introduced


def test_a_definition_leads_with_the_passage_that_introduces_the_acronym(responder):
    def ranked(question: str, config: RetrievalConfig) -> list[str]:
        query = responder.analyser.analyse(question)
        vector = synthetic.encode([query.search_text])[0]
        hits = retrieve(query, vector, responder.store, config, voices=responder.voices)
        return [responder.store.passages[h.passage].id for h in hits[:2]]

    off = with_overrides(RetrievalConfig(), intro_boost=0.0)
    assert ranked("What is RILON?", off) == ["glossary/rilon", "theme-2/narrative/1"]
    assert ranked("What is RILON?", RetrievalConfig()) == [
        "theme-2/narrative/1",
        "glossary/rilon",
    ]
    # Only a question that asks what the acronym is.
    assert ranked("What did RILON share?", RetrievalConfig()) == ranked(
        "What did RILON share?", off
    )


def test_a_theme_named_inside_a_question_restricts_retrieval_to_it(responder):
    query = responder.analyser.analyse("What did Fiji say under theme 2?")
    hits = retrieve(query, None, responder.store, RetrievalConfig(dense=False))
    assert {responder.store.passages[h.passage].theme for h in hits} <= {2}


# -- the refusal rules, one by one -------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "question", "code", "words"),
    [
        ("unknown-actor", "What did Germany say?", "not-mentioned", "Germany is not mentioned"),
        (
            "unknown-actor",
            "Did Germany announce funding for RILON?",  # RILON is named, the asked actor not
            "not-mentioned",
            "Germany is not mentioned",
        ),
        ("unknown-name", "What did the World Bank fund?", "not-mentioned", "“World Bank”"),
        ("silent-actor", "What did Laos recommend?", "only-listed", "only named in passing"),
        (
            "silent-actor",
            "What did Canada propose?",
            "only-listed",
            "listed among the participants",
        ),
        ("missing-part", "Summarise theme 5", "detail-mismatch", "no theme 5"),
        ("missing-specific", "What did Fiji call for in 2024?", "detail-mismatch", "“2024”"),
        ("missing-specific", "What happened at the Fifth Dialogue?", "detail-mismatch", "“Fifth”"),
        ("missing-specific", "When is the next dialogue?", "detail-mismatch", "“next dialogue”"),
        ("no-figure", "How many boats did Thailand seize?", "no-figure", "no figure"),
        ("actor-attribute", "What is the capital of Fiji?", "outside-scope", "“capital” for Fiji"),
        ("actor-attribute", "What currency does Tonga use?", "outside-scope", "“currency”"),
        ("actor-attribute", "What language is spoken in Fiji?", "outside-scope", "“language”"),
        # When the attribute holds is not a word of it; an aside about the actor is no new ask.
        (
            "actor-attribute",
            "Who is the current president of Fiji, which called for joint training?",
            "outside-scope",
            "“current president” for Fiji",
        ),
        (
            "actor-attribute",
            "Fiji joined the network in 2026 - what is its capital city?",
            "outside-scope",
            "“capital city”",
        ),
        # The statement uses "cornerstone", but never of Fiji.
        ("actor-attribute", "What is the cornerstone of Fiji?", "outside-scope", "“cornerstone”"),
        ("dialogue-detail", "Which hotel hosted the Fourth Dialogue?", "detail-mismatch", "hotel"),
        ("dialogue-detail", "Where were the panel discussions held?", "detail-mismatch", "“held”"),
        ("unknown-type", "In which city did Fiji call for training?", "outside-scope", "city"),
        ("unknown-type", "How long did the repatriation take?", "outside-scope", "how long"),
        (
            "aftermath",
            "How many scam centres were closed as a result of the dialogue?",
            "outside-scope",
            "does not report what followed it",
        ),
        ("unreported-event", "Was the training approved?", "outside-scope", "“approved”"),
        ("unreported-event", "Did Fiji sign a treaty?", "outside-scope", "“sign”"),
        ("unknown-name", "What did Europol present on scams?", "not-mentioned", "“Europol”"),
        ("unknown-type", "In what year was RILON founded?", "outside-scope", "give no date"),
        ("weak-match", "🤔🌏🚢", "weak-evidence", "does not appear to answer"),
    ],
)
def test_each_rule_declines_with_its_code_and_one_sentence(responder, rule, question, code, words):
    assert rule in {r.id for r in RULES} | {"weak-match", "calibrated"}
    answer = ask(responder, question)
    assert answer.abstained and answer.code == code and answer.code in CODES
    assert words in answer.text and answer.reason == answer.text
    assert answer.citations == []
    assert answer.related or rule.startswith(("unknown", "weak")), "the closest passages"
    assert answer.to_dict()["code"] == code


def _hits(responder, *pids: str) -> list[Hit]:
    index = {p.id: i for i, p in enumerate(responder.store.passages)}
    return [Hit(index[p], 1.0 - n / 10, 0.5, 0.0, False, False, True) for n, p in enumerate(pids)]


@pytest.mark.parametrize(
    ("question", "asks_amount"),
    [
        ("What was the total cost of the joint training?", True),
        ("What is the annual budget of RILON?", True),
        ("What is Fiji worried about regarding climate costs?", False),
    ],
)
def test_an_amount_is_asked_only_as_the_thing_the_question_asks_for(
    responder, question, asks_amount
):
    query = responder.analyser.analyse(question)
    hits = retrieve(query, None, responder.store, RetrievalConfig(dense=False))
    stated = responder.evidence.states_figure(query, hits, RetrievalConfig())
    assert (stated is not None) is asks_amount


@pytest.mark.parametrize(
    ("question", "passage", "stated"),
    [
        ("How many people did Thailand repatriate?", "theme-2/spotlight/thailand", True),
        # A sum of money needs a currency: "over 11,000 people" is no payment.
        ("How much does Thailand pay for repatriation?", "theme-2/spotlight/thailand", False),
        # "for 2025" dates the priorities; it does not count them.
        (
            "How many priorities did the COMMIT Process highlight?",
            "theme-2/spotlight/commit-process",
            False,
        ),
    ],
)
def test_a_year_is_no_figure_for_how_many_and_a_count_is_no_sum_of_money(
    responder, question, passage, stated
):
    query = responder.analyser.analyse(question)
    hits = _hits(responder, passage)
    assert responder.evidence.states_figure(query, hits, RetrievalConfig()) is stated


def test_a_detail_of_a_question_in_several_parts_may_be_in_any_cited_passage(responder):
    rule = next(r for r in RULES if r.id == "missing-specific")
    hits = _hits(responder, "theme-2/spotlight/thailand", "theme-1/recommendation/fiji")
    one = responder.analyser.analyse("What did Thailand say in 2026?")
    both = responder.analyser.analyse("What did Thailand and Fiji say in 2026?")
    assert not one.multi_part and both.multi_part
    assert "2026" in rule.check(responder.evidence, one, hits, RetrievalConfig())
    assert rule.check(responder.evidence, both, hits, RetrievalConfig()) is None
    joined = responder.analyser.analyse("What did Thailand say, and when in 2026?")
    assert joined.multi_part


def test_an_attribute_the_passages_about_the_actor_use_is_no_general_knowledge(responder):
    rule = next(r for r in RULES if r.id == "actor-attribute")
    query = responder.analyser.analyse("What are Thailand's priorities?")
    assert query.attribute == "priorities"
    assert rule.check(responder.evidence, query, [], RetrievalConfig()) is None
    # A past event in a place is something the statement reports, not an attribute.
    assert responder.analyser.analyse("What laws were passed in Thailand?").attribute == ""


def test_a_heading_of_the_statement_is_a_name_it_uses(responder):
    # "Participation And Support" heads a section; no passage repeats it.
    assert not any("Support" in p.text for p in responder.store.passages)
    rule = next(r for r in RULES if r.id == "unknown-name")
    query = responder.analyser.analyse("Who is listed under Participation And Support?")
    assert query.names == ("Participation And Support",)
    assert rule.check(responder.evidence, query, [], RetrievalConfig()) is None


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # A verb after "how many" names nothing counted: any number of the passage answers.
        ("How many attended the talks with Thailand?", True),
        ("How many took part in the talks with Thailand?", True),
        # A noun names what is counted, and the passage must count it.
        ("How many boats did Thailand seize?", False),
        ("How many displaced fishermen did Thailand help?", False),
    ],
)
def test_a_count_is_answered_by_a_number_of_what_it_counts(responder, question, figure):
    query = responder.analyser.analyse(question)
    hits = _hits(responder, "theme-2/spotlight/thailand")
    assert responder.evidence.states_figure(query, hits, RetrievalConfig()) is figure


def test_where_a_body_is_headquartered_is_an_attribute_of_it(responder):
    rule = next(r for r in RULES if r.id == "actor-attribute")
    query = responder.analyser.analyse("Where is the COMMIT Process headquartered?")
    assert query.attribute == "headquartered"
    assert rule.check(responder.evidence, query, [], RetrievalConfig())
    assert responder.analyser.analyse("Where was Thailand's conference held?").attribute == ""


def test_a_title_of_two_words_is_given_only_where_both_are_said_of_the_actor(responder):
    rule = next(r for r in RULES if r.id == "actor-attribute")
    # The passages about Fiji say "climate", never "minister".
    titled = responder.analyser.analyse("Who is Fiji's climate minister?")
    assert titled.attribute == "climate minister"
    assert rule.check(responder.evidence, titled, [], RetrievalConfig())
    # What an actor said, asked as its attribute, is left to the other checks.
    concern = responder.analyser.analyse("What is Fiji's main concern?")
    assert concern.attribute == "main concern"
    assert rule.check(responder.evidence, concern, [], RetrievalConfig()) is None


@pytest.mark.parametrize(
    "question",
    [
        "How was the dialogue structured?",  # the passages describing it say "structured"
        "Who took part in the sessions?",  # the attendance list answers
        "When was the Fourth Dialogue held?",  # the statement dates itself
        "What did the dialogue conclude about trust?",  # what was said there
        "What was the aim of the plenary sessions?",  # not a logistics question
    ],
)
def test_questions_about_the_dialogue_it_describes_are_not_logistics(responder, question):
    rule = next(r for r in RULES if r.id == "dialogue-detail")
    query = responder.analyser.analyse(question)
    assert rule.check(responder.evidence, query, [], RetrievalConfig()) is None


def test_the_dialogue_named_as_the_topic_is_kept_where_nothing_else_is_asked(responder):
    analyse = responder.analyser.analyse
    assert analyse("What is the purpose of the Fourth Dialogue?").core == (
        "What is the purpose of the Fourth Dialogue?"
    )
    assert analyse("What did Fiji call for at the Fourth Dialogue?").core == (
        "What did Fiji call for?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which topics did Fiji raise?",  # a word that names no kind of thing
        "What is the relationship between trust and sharing?",  # asks for an explanation
        "In which city is the scam centre Thailand described?",  # "in Myawaddy": a place
        "What period did the COMMIT Process cover?",  # "for 2025": a date
        "Which networks adapt quickly?",  # a word the statement uses
        "What statistics did Thailand give?",  # a kind of thing, maybe in other words
    ],
)
def test_a_kind_of_thing_the_statement_names_or_gives_is_no_unknown_type(responder, question):
    rule = next(r for r in RULES if r.id == "unknown-type")
    query = responder.analyser.analyse(question)
    hits = retrieve(
        query,
        synthetic.encode([query.search_text])[0],
        responder.store,
        RetrievalConfig(),
        voices=responder.voices,
    )
    assert rule.check(responder.evidence, query, hits, RetrievalConfig()) is None


def test_the_topic_of_a_session_is_no_detail_of_its_logistics(responder):
    assert dialogue_detail("Who moderated the panel on maritime cooperation?") == "Who moderated?"
    answer = ask(responder, "Who moderated the panel on maritime cooperation?")
    assert answer.abstained and answer.code == "detail-mismatch" and "moderated" in answer.text
    # What a session covered is its content, not its logistics.
    assert dialogue_detail("Which panel discussed maritime cooperation?") == ""


def test_a_yes_or_no_question_about_how_the_dialogue_was_run_is_logistics(responder):
    assert dialogue_detail("Was the dialogue held online?") == "Was held online?"
    assert dialogue_detail("Did the dialogue discuss maritime cooperation?") == ""
    answer = ask(responder, "Was the dialogue held online?")
    assert answer.abstained and answer.code == "detail-mismatch"


def test_plans_for_after_the_dialogue_are_no_aftermath(responder):
    analyse = responder.analyser.analyse
    assert analyse("What has changed since the Fourth Dialogue?").aftermath
    assert not analyse("What will delegates do after the dialogue?").aftermath
    assert not analyse("What happened at the dialogue?").aftermath


@pytest.mark.parametrize(
    "question",
    [
        "Did Fiji call for joint training?",  # every word of the event is the statement's
        "Did Fiji call for joint trainnig?",  # a slip of the statement's "training"
        "Was climate change ever raised by Fiji?",  # "ever" hedges, the event is the statement's
        "Does Fiji plan for climate change?",  # present: a standing fact, not an event
        "What did Fiji sign?",  # a wh-question: the unknown-type and calibrated checks
    ],
)
def test_a_yes_or_no_event_in_the_statements_words_is_no_unreported_event(responder, question):
    rule = next(r for r in RULES if r.id == "unreported-event")
    query = responder.analyser.analyse(question)
    assert rule.check(responder.evidence, query, [], RetrievalConfig()) is None


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did Europol present?", ("Europol",)),  # a name the statement never writes
        ("What Did Fiji Say About Training?", ()),  # Title Case: the statement's own words
        ("Training. Climate?", ()),  # a capital opening a sentence names nothing
        ("What did the Cornerstone group say?", ()),  # a statement word, capitalised
        ("What did Thailnad say?", ()),  # a slip of the statement's "Thailand"
        ("Who is the President of Fiji?", ()),  # after an article: a title, capitalised
    ],
)
def test_one_capitalised_word_the_statement_never_writes_is_a_name(responder, question, names):
    assert responder.analyser.analyse(question).names == names


def test_a_time_or_place_asked_in_the_statements_words_needs_one_in_the_answer(responder):
    rule = next(r for r in RULES if r.id == "unknown-type")

    def check(question: str) -> str | None:
        query = responder.analyser.analyse(question)
        vector = synthetic.encode([query.search_text])[0]
        hits = retrieve(query, vector, responder.store, RetrievalConfig(), voices=responder.voices)
        return rule.check(responder.evidence, query, hits, RetrievalConfig())

    # "year" is the statement's word ("This year's theme"); RILON's passages give no date.
    assert check("In what year was RILON founded?") == "The passages that answer this give no date."
    # Fiji's recommendation row is dated 2026.
    assert check("In what year did Fiji highlight climate pressures?") is None
    # The dialogue's own date is on its title page (the hand-made one has none): "held"
    # says it happened, the date is of the dialogue.
    assert "no date" in check("When was the Fourth Dialogue held?")
    # "When" asks a time as "in what year" does.
    assert check("When did Fiji highlight climate pressures?") is None
    assert check("When was RILON founded?") == "The passages that answer this give no date."


def test_the_calibrated_decision_declines_what_the_statement_never_speaks_of(responder):
    # Hand-set weights: the decision leans on coverage and on words the statement lacks.
    config = with_overrides(
        RetrievalConfig(),
        decision_bias=0.0,
        decision_weights=(1.0, 2.0, -3.0, 0.0),
        decision_threshold=0.5,
    )
    answer = ask(responder, "Who is the President of Fiji?", config)
    assert answer.abstained and answer.code == "outside-scope" and "President" in answer.text
    kept = ask(responder, "What did Fiji call for?", config)
    assert not kept.abstained


def test_details_that_match_and_attendance_questions_are_answered(responder):
    assert (
        ids(ask(responder, "What did Fiji highlight in 2026?"))[0] == "theme-1/recommendation/fiji"
    )
    assert not ask(
        responder, "Did Canada attend?", with_overrides(RetrievalConfig(), decision_threshold=0.0)
    ).abstained


# -- the answer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        ("Fiji called for action.", "Fiji called for action [1]."),
        ("Is it so?", "Is it so [1]?"),
        ("the focus areas:", "the focus areas [1]:"),
        (
            "RILON — Regional Information Liaison and Outreach Network",
            "RILON — Regional Information Liaison and Outreach Network [1].",
        ),
        ("A quote.”", "A quote [1].”"),
    ],
)
def test_the_marker_sits_before_the_full_stop(sentence, marked):
    assert with_marker(sentence, 1) == marked


def _citation(responder, n: int, pid: str) -> Citation:
    i = next(i for i, p in enumerate(responder.store.passages) if p.id == pid)
    return Citation(n, responder.store.passages[i], 1.0, [])


def test_an_answer_from_several_actors_is_one_line_per_actor(responder):
    fiji = _citation(responder, 1, "theme-1/recommendation/fiji")
    thailand = _citation(responder, 2, "theme-2/spotlight/thailand")
    fiji_keys = [KeySentence(0, 56, 1.0)]
    thai_keys = [KeySentence(0, len(thailand.passage.text), 1.0)]
    text = compose_text([fiji, thailand], [fiji_keys, thai_keys], labels=["Fiji", "Thailand"])
    lines = text.split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("Fiji: Fiji highlighted") and lines[0].endswith("[1].")
    assert lines[1].startswith("Thailand: THAILAND assisted") and lines[1].endswith("[2].")
    one = compose_text([fiji, thailand], [fiji_keys, thai_keys], labels=["Fiji", "Fiji"])
    assert "\n" not in one and not one.startswith("Fiji:")


def test_a_passage_whose_best_sentence_does_not_bear_goes_to_related():
    def quote(i: int, score: float) -> Quote:
        return Quote(Hit(i, 1.0, 0.5, 0.0, False, False), [KeySentence(0, 5, score)])

    cited, related = supported(
        [quote(0, 0.9), quote(1, 0.8), quote(2, 0.3)], RetrievalConfig(support_margin=0.4)
    )
    assert [q.hit.passage for q in cited] == [0, 1] and [q.hit.passage for q in related] == [2]


def test_citations_are_exactly_the_passages_the_text_cites(responder):
    for question in (
        "What did Fiji call for?",
        "What is RILON?",
        "Which countries repatriated people?",
    ):
        answer = ask(responder, question)
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
        assert markers == {c.n for c in answer.citations}, question
        assert not {c.passage.id for c in answer.related} & set(ids(answer))


def test_a_question_about_what_an_actor_said_cites_only_where_it_speaks(responder):
    answer = ask(responder, "What did Thailand say?")
    assert ids(answer) and all("Thailand" in c.passage.actors[:1] for c in answer.citations)


# -- structural answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["Summarise theme 1", "Summarise theme 1 on sharing information and trust"]
)
def test_a_theme_summary_reads_the_theme_in_order(responder, question):
    answer = ask(responder, question)
    assert ids(answer) == [
        "key-insight/1",
        "theme-1/narrative/1",
        "theme-1/spotlight/fiji",
        "theme-1/recommendation/fiji",
    ]
    assert answer.text.startswith(synthetic.THEME_1)


@pytest.mark.parametrize(
    "question",
    [
        "What was recommended under theme 1?",
        "Under theme 1, what recommendations were made?",
        "What actionable recommendations came out of the sharing information theme?",
    ],
)
def test_a_themes_recommendations_asked_as_a_whole_are_its_recommendation_rows(responder, question):
    assert part_of(responder.analyser.analyse(question), responder.store, RetrievalConfig())
    answer = ask(responder, question)
    assert ids(answer) == ["theme-1/recommendation/fiji"]
    assert answer.text.startswith("Fiji highlighted climate pressures on migration in 2026 [1]")


@pytest.mark.parametrize(
    "question",
    [
        "What did Fiji recommend under theme 1?",  # one actor's: where it speaks
        "Summarise theme 1 and what was recommended",  # two asks
        "Under theme 1, what training was suggested?",  # one thing proposed
        "How should trusted exchange be understood under theme 1?",  # a topic of the theme
        "sharing information theme: how should delegates treat cornerstone cooperation?",
    ],
)
def test_recommendations_of_one_actor_or_one_thing_are_no_table(responder, question):
    query = responder.analyser.analyse(question)
    part = part_of(query, responder.store, RetrievalConfig())
    assert part is None or not part.labelled


@pytest.mark.parametrize(
    ("question", "twice"),
    [
        ("What did Fiji say, and when?", True),
        ("Did Fiji call for training, and what did Tonga say?", True),
        ("What did both Fiji and Tonga say?", True),
        ("Under theme 1, what did Fiji say?", False),  # a phrase that sets the scene
        ("At the dialogue, which countries spoke?", False),
    ],
)
def test_a_second_ask_is_joined_on_after_a_first(question, twice):
    assert asks_twice(question) is twice


def test_an_acronyms_meaning_leads_with_its_prose_introduction_then_its_glossary_line(
    responder,
):
    def ranked(question: str) -> list[str]:
        query = responder.analyser.analyse(question)
        vector = synthetic.encode([query.search_text])[0]
        hits = retrieve(query, vector, responder.store, RetrievalConfig(), voices=responder.voices)
        return [responder.store.passages[h.passage].id for h in hits]

    # Where the prose writes "Full Name (RILON)" it says what the body is and does too.
    for question in ("What does RILON stand for?", "What is RILON?", "whats RILON"):
        assert ranked(question)[:2] == ["theme-2/narrative/1", "glossary/rilon"], question
    # No prose gives the COMMIT Process's full name: its glossary line leads.
    assert ranked("What does COMMIT Process stand for?")[0] == "glossary/commit-process"
    # Another acronym's glossary line is no answer to this one.
    assert "glossary/commit-process" not in ranked("What does RILON stand for?")[:3]


def test_which_participants_spoke_on_a_topic_asks_for_no_attendance_list(responder):
    analyse = responder.analyser.analyse
    assert "participation" not in analyse("Which participants addressed scams?").lists
    assert "participation" not in analyse("Which delegations called for training?").lists
    assert "participation" in analyse("Which participants attended the dialogue?").lists


def test_a_theme_asked_for_by_its_subject_is_the_theme_of_the_best_passage(responder):
    query = responder.analyser.analyse("Summarise the theme on repatriation")
    assert query.intent is not None and query.intent.kind == "theme"
    assert query.intent.theme is None and query.intent.summary
    answer = ask(responder, "Summarise the theme on repatriation")
    assert not answer.abstained and ids(answer)[0] == "key-insight/2"
    assert {c.passage.theme for c in answer.citations} == {2}
    # Named by one title word and one more, with a verb that asks for the whole.
    titled = responder.analyser.analyse("Summarise the scams theme on fraud").intent
    assert titled is not None and (titled.theme, titled.summary) == (2, True)


def test_the_dialogue_theme_is_the_sentence_that_quotes_the_overview_heading(responder):
    answer = ask(responder, "What was the theme of the Fourth Dialogue?")
    assert ids(answer) == ["foreword/1"] and "Safe Seas: Shared Answers" in answer.text


def test_a_count_over_a_list_is_counted_from_the_cited_passage_and_says_so(responder):
    answer = ask(responder, "How many countries attended?")
    assert ids(answer) == ["participation/1"]
    assert answer.text.startswith("Counted from the cited list, 5 countries are named [1]")
    for name in ("Australia", "Fiji", "Tonga", "Thailand", "Canada"):
        assert name in answer.text


def test_attendance_at_another_event_is_not_read_from_the_dialogues_list(responder):
    query = responder.analyser.analyse("How many countries attended the joint meetings in Suva?")
    assert query.other_event and "participation" not in query.lists
    answer = ask(responder, "How many countries attended the joint meetings in Suva?")
    assert "participation/1" not in ids(answer) and "Australia" not in answer.text
    # The dialogue itself: its attendance list answers.
    assert "participation" in responder.analyser.analyse("Which countries attended?").lists
    assert not responder.analyser.analyse("Who took part in the Fourth Dialogue?").other_event


def test_the_members_of_a_named_body_are_counted_where_it_leads(responder):
    store = responder.store
    where = {p.id: i for i, p in enumerate(store.passages)}
    query = responder.analyser.analyse("How many countries are in the COMMIT Process?")
    # The attendance list ranks first, the body's own passage fourth.
    hits = [
        Hit(where["participation/1"], 0.9, 0.9, 1.0, False, False),
        Hit(where["theme-1/spotlight/fiji"], 0.8, 0.8, 1.0, False, False),
        Hit(where["overview/1"], 0.7, 0.7, 1.0, False, False),
        Hit(where["theme-2/spotlight/commit-process"], 0.6, 0.6, 1.0, True, False, True),
    ]
    count = count_list(query, hits, store, responder.gazetteer, RetrievalConfig())
    assert count is not None
    assert store.passages[count.hit.passage].id == "theme-2/spotlight/commit-process"
    assert count.names == ("Cambodia", "Laos", "Myanmar", "Thailand")


def test_who_took_part_in_another_event_is_counted_only_where_it_is_named(responder):
    query = responder.analyser.analyse("How many countries took part in the joint exercise?")
    assert query.event == "exercise"
    answer = ask(responder, "How many countries took part in the joint exercise?")
    assert not answer.text.startswith("Counted from the cited list")


def test_the_answer_record_keeps_its_fields_and_adds_the_code_last():
    fields = list(Answer.__dataclass_fields__)
    assert fields == [
        "question",
        "text",
        "abstained",
        "citations",
        "related",
        "reason",
        "timings",
        "code",
    ]
    assert list(Answer("q", "t", False, []).to_dict())[-1] == "code"


# -- fitting on dev -------------------------------------------------------------------------


def test_the_logistic_fit_separates_and_the_threshold_keeps_the_refusal_budget():
    from eval.calibrate import choose_threshold, fit_logistic, predict

    x = np.array([[0.9, 0.8], [0.8, 0.9], [0.7, 0.7], [0.2, 0.1], [0.1, 0.3], [0.3, 0.2]])
    y = np.array([1, 1, 1, 0, 0, 0], dtype=float)
    w = fit_logistic(x, y, l2=0.1)
    p = predict(w, x)
    assert p[:3].min() > 0.5 > p[3:].max()
    # 100 answerable questions and a 2% budget: two may fall under the threshold.
    scores = np.linspace(0.01, 1.0, 100)
    t = choose_threshold(scores, np.ones(100), refused_by_rules=0, total=100, most_false=0.02)
    assert (scores < t).sum() == 2
    t = choose_threshold(scores, np.ones(100), refused_by_rules=2, total=100, most_false=0.02)
    assert (scores < t).sum() == 0


def test_the_tuning_objective_rewards_rank_and_punishes_false_refusals_and_reading():
    from eval.tune import objective

    good = {
        "hit_at_1": 1,
        "mrr_at_10": 1,
        "full_recall_at_5": 1,
        "answer_evidence": 1,
        "abstention_recall": 1,
        "false_abstention_rate": 0,
        "chars_read": 1500,
    }
    assert objective(good) == 5
    assert objective({**good, "false_abstention_rate": 0.1}) == pytest.approx(4.8)
    assert objective({**good, "chars_read": 3000}) == pytest.approx(4.5)


@pytest.mark.parametrize(
    "question",
    [
        "\x07\x1b[31mWhat is RILON?\x1b[0m",
        "[/] [bold red]What is RILON?[/bold red]",
        "<script>alert(1)</script>What is RILON?",
    ],
)
def test_markup_around_a_question_is_not_read_as_its_words(responder, question):
    answer = ask(responder, question)
    assert not answer.abstained and ids(answer) == ids(ask(responder, "What is RILON?"))
    assert "glossary/rilon" in ids(answer)


def test_a_question_in_another_language_is_not_declined_word_by_word(responder):
    config = with_overrides(
        RetrievalConfig(),
        decision_bias=0.0,
        decision_weights=(1.0, 2.0, -3.0, 0.0),
        decision_threshold=0.5,
    )
    assert not ask(responder, "Apa yang diserukan Fiji tentang iklim?", config).abstained
    assert ask(responder, "What did Fiji say about the harbour tariffs?", config).abstained


@pytest.mark.parametrize(
    ("question", "frame"),
    [
        ("What role does Thailand play in repatriation?", {"role", "play"}),
        ("What roles does Thailand hold in repatriation?", {"role", "hold"}),
    ],
)
def test_the_words_of_a_role_question_are_its_frame_not_its_topic(responder, question, frame):
    terms = set(responder.sentences.query_terms(responder.analyser.analyse(question)))
    assert "repatri" in terms and not terms & frame


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("What is the second key insight?", ["key-insight/2"]),
        ("summarise key insight 1", ["key-insight/1"]),
        ("In the first key insight, what builds trust?", ["key-insight/1"]),
    ],
)
def test_a_key_insight_by_its_place_is_that_themes_key_insight(responder, question, cited):
    answer = ask(responder, question)
    assert not answer.abstained and ids(answer)[: len(cited)] == cited


def test_a_key_insight_the_statement_does_not_have_is_a_missing_part(responder):
    answer = ask(responder, "What does the third key insight say?")
    assert answer.abstained and answer.code == "detail-mismatch"
    assert "2 key insights, one per theme; it has no key insight 3" in answer.reason


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What time did the plenary start?", "clock"),
        ("When did Fiji call for training?", "time"),
        ("When and where will the next workshop take place?", "time"),
        ("In what year was RILON founded?", "time"),
    ],
)
def test_a_time_of_day_a_date_and_when_are_asked_times(question, kind):
    asked = asked_type(question)
    assert asked is not None and asked.kind == kind


def test_who_did_what_the_statement_never_says_is_a_claim_in_its_verb():
    assert claimed_words("Which countries have ratified the treaty so far?") == ("ratified",)
    assert claimed_words("Who has already signed the treaty?") == ("signed",)
    assert claimed_words("Which countries called for training?") == ()


def test_a_sessions_name_and_company_are_no_detail_of_it():
    detail = dialogue_detail("Who moderated the Tour de Table session with the regional dialogues?")
    assert "moderated" in detail and "Tour" not in detail and "regional" not in detail


@pytest.mark.parametrize(
    ("question", "signed"),
    [
        ("Who signed the foreword?", True),
        ("who signed the outcome statement", True),
        ("Who are the signatories?", True),
        ("Which countries have signed the treaty?", False),  # a treaty's signing: reported
        ("Who signed the treaty in 2025?", False),
        ("What did the Bangkok Joint Statement commit signatories to?", False),  # another one's
        ("Who were the signatories of the Bangkok Joint Statement?", False),
    ],
)
def test_who_signed_the_statement_asks_for_its_signature_blocks(responder, question, signed):
    query = responder.analyser.analyse(question)
    assert query.signed is signed
    if signed:
        answer = ask(responder, question)
        # The block, alone: the glossary line "COMMIT Process / Coordinated ..." has the
        # same shape (a name, then a line) and is no signature.
        assert not answer.abstained and ids(answer) == ["foreword/signatory-ana-lima"]


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("How many countries attended?", True),
        ("Who took part in the dialogue?", True),
        # A body that met apart from the dialogue, named first: its own attendance.
        ("Where did the working group convene, and how many took part?", False),
        ("How many attended the joint meetings in Manila?", False),
        # Being at the dialogue is attending it; being at another meeting is not.
        ("Which UN agencies were at the Dialogue?", True),
        ("who was present at the fourth dialogue", True),
        ("What was said at the dialogue about climate?", False),
        ("Which countries were at the joint meetings in Manila?", False),
    ],
)
def test_the_attendance_list_answers_only_for_the_dialogue(responder, question, listed):
    assert ("participation" in responder.analyser.analyse(question).lists) is listed


def test_an_initialism_may_keep_the_small_words_of_the_name():
    from qa.evidence import _initialisms

    initials = _initialisms("the Working Group on Trafficking in Persons met")
    assert {"wg", "tp", "tip", "wgotip"} <= initials
