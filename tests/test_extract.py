"""Extraction with the real spaCy model: the seed article and hand-made cases."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from quotes.constants import is_speech_verb_form
from quotes.extract import Quote, extract, parse
from quotes.extract.names import name_words
from quotes.extract.titles import title_of
from quotes.sources import parse_article, read_article
from tests.conftest import SEED

SEED_QUOTES = [
    ("In the weeks to come", "crystal ball,", "Boris Pistorius", "German defence minister"),
    ("We take on more responsibility as Europeans.", "", "Boris Pistorius", "German defence minister"),
    ("2025 is the critical year", "in that war,", "John Healey", "British defence minister"),
    ("We are sending a signal", "in the fight.", "John Healey", "British defence minister"),
    ("Europe is taking over the lead", "we are thankful", "Rustem Umerov", "Ukraine's defence minister"),
    ("It's a share of responsibilities", "focused on the peace.", "Rustem Umerov", "Ukraine's defence minister"),
]


def quotes_of(text: str, nlp: Language) -> list[Quote]:
    return extract(parse_article(text, source="test.txt"), nlp)


def test_seed_gives_exactly_the_six_quotes(nlp: Language) -> None:
    article = read_article(SEED)
    quotes = extract(article, nlp)
    assert len(quotes) == len(SEED_QUOTES)
    for quote, (begins, ends, speaker, title) in zip(quotes, SEED_QUOTES, strict=True):
        assert quote.text.startswith(begins) and quote.text.endswith(ends)
        assert (quote.speaker, quote.title, quote.speaker_type) == (speaker, title, "person")
        # Offsets index the file's text and exclude the marks.
        assert article.text[quote.start : quote.end] == quote.text
        assert article.text[quote.start - 1] == '"' and article.text[quote.end] == '"'
        # The mention the attribution rests on names that person.
        mention = article.text[quote.speaker_start : quote.speaker_end]
        assert mention.split()[-1] == speaker.split()[-1]


def test_seed_healey_quote_rests_on_the_short_name(nlp: Language) -> None:
    quotes = extract(read_article(SEED), nlp)
    healey = quotes[2]
    assert (healey.mention, healey.cue, healey.method) == ("Healey", "said", "syntax")
    assert quotes[3].method == "continuation"


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # Inverted order, short name resolved to the full one.
        (
            'Defence Secretary John Healey spoke.\n\n"We stand with Ukraine," said Healey.',
            "John Healey",
            "Defence Secretary",
        ),
        # Colon lead-in in the paragraph before.
        (
            'Senator Jane Smith addressed the crowd. Smith told reporters:\n\n"We will not back down from this fight."',
            "Jane Smith",
            "Senator",
        ),
        # "according to X", with the appositive as the title.
        (
            'The plan is failing, according to Mark Jones, a professor at Yale. "It cannot work," according to Jones.',
            "Mark Jones",
            "professor at Yale",
        ),
        # A pronoun: the nearest subject that agrees, not the object.
        (
            'Maria Lopez met John Brown on Monday. She said: "This was a good meeting for both of us."',
            "Maria Lopez",
            None,
        ),
        # The title as a pre-modifier; the name as the appositive of a title noun.
        (
            'Ukraine\'s defence minister, Rustem Umerov, said that "Europe is taking the lead in security."',
            "Rustem Umerov",
            "Ukraine's defence minister",
        ),
    ],
)
def test_attribution(nlp: Language, text: str, speaker: str, title: str | None) -> None:
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, quote.title) == (speaker, title)


def test_continuation_stops_at_a_paragraph_without_a_quote(nlp: Language) -> None:
    text = (
        'Mayor Tom Baker opened the bridge. "It is a great day for the city," he said.\n\n'
        '"We waited years for this."\n\n'
        "The bridge cost $5 million.\n\n"
        '"Nobody has been able to explain the overrun so far."'
    )
    quotes = quotes_of(text, nlp)
    assert [q.speaker for q in quotes] == ["Tom Baker", "Tom Baker", None]
    assert [q.method for q in quotes] == ["syntax", "continuation", "none"]


def test_organisation_is_kept_apart_from_people(nlp: Language) -> None:
    (quote,) = quotes_of('The Pentagon said in a statement that "all troops are safe and accounted for."', nlp)
    assert (quote.speaker, quote.speaker_type) == ("Pentagon", "organization")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "the group" and "it" are the organisation just named.
        (
            "United Gun Group said on Thursday that it pulled the listing.\n\n"
            '"Our mission is to provide a safe platform," the group wrote.',
            "United Gun Group",
        ),
        (
            'The National Rifle Association issued a statement on Friday.\n\n"We will fight this bill," it said.',
            "National Rifle Association",
        ),
        # An acronym the article spells out is the same organisation.
        (
            'The Democratic National Committee met on Monday.\n\n"We apologise," the DNC said in a statement.',
            "Democratic National Committee",
        ),
    ],
)
def test_organisations_stand_behind_nouns_pronouns_and_acronyms(nlp: Language, text: str, speaker: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, quote.speaker_type) == (speaker, "organization")


def test_unnamed_source_has_no_name_but_keeps_its_description(nlp: Language) -> None:
    (quote,) = quotes_of('"We are reviewing the decision," a spokeswoman for the ministry said.', nlp)
    assert quote.speaker is None and quote.speaker_type == "unnamed"
    assert quote.mention_kind == "nominal" and "spokeswoman" in (quote.mention or "")


def test_partial_quote_inside_reported_speech(nlp: Language) -> None:
    (quote,) = quotes_of('Trump called it a "phony system" at the rally.', nlp)
    assert (quote.text, quote.speaker, quote.kind) == ("phony system", "Trump", "partial")


def test_short_quoted_words_with_no_speaker_are_not_quotes(nlp: Language) -> None:
    assert quotes_of('The so-called "Big Beautiful Bill" passed the House on Thursday.', nlp) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Titles of shows and names of campaigns, even next to a speech verb.
        ('Ted Cruz said he watches "Game of Thrones" and "The Walking Dead" every week.', []),
        ('"Orange Is the New Black" star Selenis Leyva said she was tired of the label.', []),
        ('Jeb Bush toured New Hampshire last week on a "Jeb Can Fix It" bus tour, his aides said.', []),
        # Speech in Title Case ends like a sentence and stays a quotation.
        ('"Make America Great Again!" Donald Trump shouted.', ["Make America Great Again!"]),
        ('"Thank you, Iowa," Bernie Sanders said.', ["Thank you, Iowa,"]),
    ],
)
def test_titles_and_names_in_quotation_marks_are_not_quotes(nlp: Language, text: str, expected: list[str]) -> None:
    assert [q.text for q in quotes_of(text, nlp)] == expected


def test_an_article_without_quotation_marks_gives_nothing(nlp: Language) -> None:
    assert quotes_of("Nothing was said. Nobody spoke.\n\nThe end.", nlp) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # A relative pronoun: the attribution rests on "who", the speaker is the noun.
        (
            'Senator Jane Smith, who said the bill was "a disgrace to this chamber," voted no.',
            [("a disgrace to this chamber,", "Jane Smith", "who")],
        ),
        # A quotation paragraph whose cue comes in the next quotation paragraph.
        (
            'Mayor Tom Baker spoke on Monday.\n\n"The bridge will open next spring."\n\n'
            '"We are proud of the work," Baker said.',
            [
                ("The bridge will open next spring.", "Tom Baker", "Baker"),
                ("We are proud of the work,", "Tom Baker", "Baker"),
            ],
        ),
        # A colon lead-in whose verb is not a speech verb.
        (
            'President Bill Clinton released the following statement:\n\n"Hillary and I offer our condolences."',
            [("Hillary and I offer our condolences.", "Bill Clinton", "Bill Clinton")],
        ),
        # A fragment governed by a verb that is not a speech verb.
        (
            'Senator Ted Cruz is praising Jeb Bush as "a man who did not go to the gutter" in the race.',
            [("a man who did not go to the gutter", "Ted Cruz", "Ted Cruz")],
        ),
        # A finite speech verb the parser took for a reduced relative ("a man yelled").
        (
            'When Rubio thanked Miami and said it was great to be home, a man yelled "Stay there!"',
            [("Stay there!", None, "a man")],
        ),
        # A transcript-style label before the quotation.
        (
            'Rep. Trey Gowdy (R-S.C.): "I have not heard anyone else cite that figure."',
            [("I have not heard anyone else cite that figure.", "Trey Gowdy", "Trey Gowdy")],
        ),
        # Dash bylines, on the same line or as a paragraph of their own.
        (
            '"Europe must carry more of the load." ― Beck Pimentel',
            [("Europe must carry more of the load.", "Beck Pimentel", "Beck Pimentel")],
        ),
        (
            '"The idea that I would dismantle health care is just not accurate."\n\n- Bernie Sanders.',
            [("The idea that I would dismantle health care is just not accurate.", "Bernie Sanders", "Bernie Sanders")],
        ),
        # Inverted order, also where the parser makes the speaker an object of the verb.
        (
            'Rep. Trey Gowdy met the press.\n\n"We will win this fight in the House," added Gowdy.',
            [("We will win this fight in the House,", "Trey Gowdy", "Gowdy")],
        ),
        ('Donald Trump spoke in Ohio.\n\n"The bad ones," tweeted Trump.', [("The bad ones,", "Donald Trump", "Trump")]),
        ('"No comment on the report," replied the spokesman.', [("No comment on the report,", None, "the spokesman")]),
        # The name right after the verb, wherever the parser hung it.
        (
            '"The risk," said Edward Leamer, an economist who is the director of the forecast, "is rising."',
            [("The risk,", "Edward Leamer", "Edward Leamer"), ("is rising.", "Edward Leamer", "Edward Leamer")],
        ),
        ('"It is valuable," said Skelly, explaining his work.', [("It is valuable,", "Skelly", "Skelly")]),
        # A participle the parser hung from the speaker in a sentence with no verb.
        (
            '"Will he finally say it? If not, he should resign!" the presumptive nominee, Donald Trump, tweeted '
            "Sunday after the attack.",
            [("Will he finally say it? If not, he should resign!", "Donald Trump", "Donald Trump")],
        ),
        # A closing mark glued to the next word.
        (
            "Hillary Clinton spoke on Monday.\n\n"
            "“It has been most surprising to see him traffic in prejudice and paranoia,”Clinton said.",
            [
                (
                    "It has been most surprising to see him traffic in prejudice and paranoia,",
                    "Hillary Clinton",
                    "Clinton",
                )
            ],
        ),
        # Nested speech verbs: the innermost whose subject could speak; its
        # pronoun stands for the outer subject.
        (
            'Maria Lopez said that she would call the plan "a betrayal of voters" on Monday.',
            [("a betrayal of voters", "Maria Lopez", "she")],
        ),
        # The cue right after the closing mark wins over a lead-in before it.
        (
            "Ann Cole spoke on Friday.\n\nIn her speech, Cole declared the need for strong will, ambition and drive: "
            '"Change the world and when you have done that, change it again," she said.',
            [("Change the world and when you have done that, change it again,", "Ann Cole", "she")],
        ),
        # Of two subjects the parser gives the cue, the one right after the quotation.
        (
            'Sen. Marco Rubio said Obama failed. Nothing the president said "will assuage people\'s fears," '
            "the Florida senator said.",
            [("will assuage people's fears,", "Marco Rubio", "the Florida senator")],
        ),
        # A speech verb the tagger took for a noun, right after the quotation.
        (
            '"The kingdom is one of the leading nations," the Saudis state in the white paper.',
            [("The kingdom is one of the leading nations,", "Saudis", "Saudis")],
        ),
        (
            '"Would it be negotiable?" Sean Hannity pressed.',
            [("Would it be negotiable?", "Sean Hannity", "Sean Hannity")],
        ),
        # … but not a noun such as "press" in a title before the cue.
        (
            '"We will not comment on the report," White House press secretary Josh Earnest said.',
            [("We will not comment on the report,", "Josh Earnest", "Josh Earnest")],
        ),
        # Of two subjects the parser gives a cue, the one that could speak.
        (
            'Couple global exposure with a "candidate who is a lightning rod" and Clevelanders get nervous, '
            "said Christine Link, executive director of the union.",
            [("candidate who is a lightning rod", "Christine Link", "Christine Link")],
        ),
        # A phrasal speech verb, also after a question mark.
        (
            "Megyn Kelly spoke to Donald Trump on Monday.\n\n"
            '"But you have to get over it," Trump went on, as if he did not hear her.',
            [("But you have to get over it,", "Donald Trump", "Trump")],
        ),
        (
            'Megyn Kelly spoke to Donald Trump on Monday.\n\n"You know, it happens, right?" Donald Trump went on.',
            [("You know, it happens, right?", "Donald Trump", "Donald Trump")],
        ),
        # "As X puts it" introduces X's words.
        (
            'As columnist Dana Milbank puts it, "Senate Republicans are unmoved."',
            [("Senate Republicans are unmoved.", "Dana Milbank", "Dana Milbank")],
        ),
        # A dash byline paragraph may describe the speaker after a comma.
        (
            '"Great speech. She is tested."\n\n— President Barack Obama, tweeting after the speech.',
            [("Great speech. She is tested.", "Barack Obama", "Barack Obama")],
        ),
        # A participle after a quotation is not an inverted cue.
        (
            'Donald Trump hailed the vote as "fantastic," telling reporters in Scotland that it was great.',
            [("fantastic,", "Donald Trump", "Donald Trump")],
        ),
        # A fragment inside reported speech is the reporter's wording.
        (
            'Sen. Ted Cruz said he is certain Marco Rubio will continue to be "a champion for opportunity."',
            [("a champion for opportunity.", "Ted Cruz", "Ted Cruz")],
        ),
        # … but not one whose subject cannot speak.
        (
            'Mayor Bill de Blasio said the move was made by the police and said, "Who are you going to trust?"',
            [("Who are you going to trust?", "Bill de Blasio", "Bill de Blasio")],
        ),
        # A statement someone put out says what they said.
        (
            'His office put out a statement saying the U.S. "does not have the capacity to vet every refugee."',
            [("does not have the capacity to vet every refugee.", None, "His office")],
        ),
        # A quotation paragraph after a paragraph that ends with a speech verb.
        (
            "If anything, Sen. Tom Ash argued in his email, the incident shows why the rules matter.\n\n"
            '"A proper debate is the only way forward for the committee and for the party."',
            [("A proper debate is the only way forward for the committee and for the party.", "Tom Ash", "Tom Ash")],
        ),
        # A speech verb in a clause of time sets the scene: not the speaker.
        (
            "Senator Marco Rubio spoke on Monday.\n\n"
            '"I am satisfied with his response." Jan Hooton said after Rubio spoke.',
            [("I am satisfied with his response.", "Jan Hooton", "Jan Hooton")],
        ),
        # A name the parser made a compound of the verb.
        (
            '"Look at the statement Mr. Trump put out after the Dallas shootings," Conway notes. "It was different."',
            [
                ("Look at the statement Mr. Trump put out after the Dallas shootings,", "Conway", "Conway"),
                ("It was different.", "Conway", "Conway"),
            ],
        ),
        # … its own verb before one in a clause inside it.
        (
            "Defense Secretary Ash Carter spoke in Singapore on Saturday.\n\n"
            "Carter said that for decades some critics had been predicting an American withdrawal from the region.\n\n"
            '"That is not going to happen in this region, not now and not later."',
            [("That is not going to happen in this region, not now and not later.", "Ash Carter", "Carter")],
        ),
        # … and the quotation paragraphs after it continue it.
        (
            "If anything, Sen. Tom Ash argued in his email, the incident shows why the rules matter.\n\n"
            '"A proper debate is the only way forward for the committee."\n\n'
            '"It is a matter of principle for all of us."',
            [
                ("A proper debate is the only way forward for the committee.", "Tom Ash", "Tom Ash"),
                ("It is a matter of principle for all of us.", "Tom Ash", "Tom Ash"),
            ],
        ),
        # A name alone before a colon ends the paragraph before the quotation.
        (
            'Stated Roger Stone:\n\n"The stakes are so high."',
            [("The stakes are so high.", "Roger Stone", "Roger Stone")],
        ),
        # A possessed speech noun before "that": the possessor said it.
        (
            "Mayor Jane Doyle spoke on Friday. The union walked out after her remark that "
            '"every contract will be cut by half next year."',
            [("every contract will be cut by half next year.", "Jane Doyle", "her")],
        ),
        # … and right after the quotation.
        (
            'Voters still remember Senator Paul Grant\'s "no new tolls, ever" promise from the campaign.',
            [("no new tolls, ever", "Paul Grant", "Paul Grant")],
        ),
        # … and a few words into the clause after "that".
        (
            "Mayor Jane Doyle spoke on Friday. The union walked out over her claim that the city "
            '"cannot afford a single new hire."',
            [("cannot afford a single new hire.", "Jane Doyle", "her")],
        ),
        # A speech verb in a clause of time ("when …") only sets the scene for the verb after it.
        (
            "When Trump announced his candidacy in June 2015, he infamously referred to Mexican immigrants as "
            "“criminals” while calling for a wall.",
            [("criminals", "Trump", "he")],
        ),
        # An adjective before the noun describes it in the writer's words.
        (
            'Mayor Ann Lee walked out after Paul Grant\'s "reckless" remarks.',
            [("reckless", "Ann Lee", "Ann Lee")],
        ),
    ],
)
def test_attribution_beyond_the_speech_verb(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    quotes = quotes_of(text, nlp)
    assert [(q.text, q.speaker, text[q.speaker_start : q.speaker_end]) for q in quotes] == expected


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A speech act: a verb whose object is a speech noun.
        ('Governor Tom Reed issued a statement after the vote. "Tonight the people were heard."', "Tom Reed"),
        # A participle the parser hung from the quotation lends the sentence's subject.
        (
            "Clinton seemed to be ready to riff on the incident in Iowa, telling the crowd, "
            '"Some people get a little carried away, have you noticed that?"',
            "Clinton",
        ),
        # A statement after "said," though it starts in lower case: not the outer cue's.
        (
            'At one point, a woman asked for a photo and Senator Ann Marsh said, "as long as we are not breaking '
            'any election laws."',
            "Ann Marsh",
        ),
        # A coordinated verb takes the subject of the nearest verb coordinated before it.
        (
            "A group of pastors called for a boycott of the speech, and the Civic League denounced the plan and "
            'said it would "return" every donation.',
            "Civic League",
        ),
        # A name the tagger took for a plural noun is known from the rest of the article.
        (
            'Senator Ann Simmons spoke on Monday.\n\nSimmons shrugged it off: "No one is tearing this up."',
            "Ann Simmons",
        ),
        # A speech verb in a relative clause that describes someone is not the cue.
        ('Senator Ann Marsh labelled the judge "Spanish," a word for people who speak Spanish.', "Ann Marsh"),
        (
            'Mike Lee, a senator who writes fiction on the side, has cast himself as "a data-savvy strategist."',
            "Mike Lee",
        ),
        # … nor one in a clause of time beside the quotation.
        (
            "As Senator Tom Reed spoke, the Rifle Association was going into overdrive, whipping lawmakers "
            'against "any and all gun control" in the bill.',
            "Rifle Association",
        ),
        # A gerund after a preposition shares the subject of the verb the preposition follows.
        (
            "Marsh distanced herself from the movement by saying she would be willing to bring her expertise "
            "to the new administration if asked. “I’m going to support him, and support him enthusiastically.”",
            "Marsh",
        ),
        # A name, an appositive between commas, a speech verb: the name is the speaker.
        (
            "The effort reflects her advisers’ wariness of polls continuing to show deep dissatisfaction with "
            "the direction of the economy despite modest growth. “It is not the position that everything is "
            "hunky-dory,” Gene Sperling, a top outside Clinton adviser, said at a recent event on the economy.",
            "Gene Sperling",
        ),
        # The person a participle describes, naming something: the name is theirs.
        (
            "Christie said that was a natural part of having to run against him — no different, he said, from "
            "George H.W. Bush calling Ronald Reagan’s policies “voodoo economics” before becoming his pick.",
            "George H.W. Bush",
        ),
        # A name right before a speech verb that the parser hung elsewhere.
        (
            "Tuesday in New York City, while on the campaign trail for his wife Democratic presidential "
            "front-runner Hillary Clinton, former president Bill Clinton said his wife was uniquely qualified "
            "to be president at this time because “the world’s in tough shape.”",
            "Bill Clinton",
        ),
        # A name the tagger took for another word ("Will", a modal) that the article knows.
        (
            "Columnist George Will attacked Donald Trump.\n\n“This might, and should, hasten the eclipse of "
            "Donald Trump,” Will wrote.",
            "George Will",
        ),
        # A byline paragraph with the hyphen glued to the name, and a description.
        (
            "Reid spoke.\n\n“The whole idea of a ‘Crooked Hillary’ is something we hear about all the time.”"
            "\n\n-Michelle Marks, Philadelphia.",
            "Michelle Marks",
        ),
        # A digest's "Topic - Source:" lead-in, the source unknown to the tagger.
        (
            "Estimates of civic engagement are particularly problematic - Pew Research: “All the samples "
            "evaluated include more politically engaged individuals than benchmark sources indicate.”",
            "Pew Research",
        ),
        # A participle describing the object of a preposition shares the subject of its verb.
        (
            "Favreau mocked her. He tweeted when Clinton ended a Democratic debate last December with a "
            'reference to the blockbuster "Star Wars" sequel hitting the theaters, remarking, “Thank you, and '
            "may The Force be with you.”",
            "Clinton",
        ),
        # A phrasal speech verb whose particle the parser took for an adverb.
        (
            "After former California Gov. Jerry Brown criticized Bill Clinton during a debate, Hillary shot back, "
            "“I suppose I could have chosen to bake cookies and have teas, but I chose to fulfill my profession.”",
            "Hillary",
        ),
        # One of the long tail of speech verbs, inverted.
        ("“This is fantastic!” beamed Donald Hartley of Madison, Alabama, a delegate.", "Donald Hartley"),
        # A name the tagger took for an adverb, before a verb it took for a participle.
        (
            "Strategist Tom Skelly backed him.\n\nAnd Skelly called Braynard “a real smart guy. I’d like to "
            "think having been in the RNC, he understands the data.”",
            "Tom Skelly",
        ),
        # A dateline in title case is no subject.
        (
            "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Republican rival Donald Trump’s "
            "stance on Brexit, saying that “bombastic comments” do more harm than good during such times.",
            "Hillary Clinton",
        ),
        # A document that speaks for whoever put it out.
        (
            "In selling the courses, Trump released a marketing video that said, “We are going to have "
            "professors that are absolutely terrific.”",
            "Trump",
        ),
        (
            "The Washington Post recently ran a piece that noted his “health care plan would benefit affluent "
            "households more.”",
            "Washington Post",
        ),
        # A passive subject of another verb is the doer of the speech verb coordinated with it.
        (
            "As the crowd began to chant, Silverman was joined on stage again by Minnesota Sen. Al Franken and "
            "joked, “Bernie or Bust people, you’re being ridiculous,” drawing loud jeers.",
            "Silverman",
        ),
        ('Senator Tom Reed was asked about the vote and said, "It is dead and buried for good."', "Tom Reed"),
        (
            "Bernie Sanders backed her.\n\nSanders’ fundraising email to his supporters notes that Jane Kim "
            "“is a civil rights attorney who fought for fair wages.”",
            "Bernie Sanders",
        ),
        # A place in title case opens a dateline only with its agency ("Washington (AFP) –").
        ("Texas Gov. Greg Abbott — a Republican — said the plan was “a disaster for the state.”", "Greg Abbott"),
        # A negated speech verb did not say it.
        (
            "Donald Trump, while being interviewed on Fox and Friends Monday morning, called again for President "
            "Obama to resign for not calling the Orlando nightclub attack an act of “radical Islamic terrorism.”",
            "Donald Trump",
        ),
        # A speech verb in a clause of time reports the quotation; the verb outside it does not.
        (
            "Senator John McCain spoke out after Donald Trump told a town hall that waterboarding is "
            '"peanuts," compared to what others do.',
            "Donald Trump",
        ),
    ],
)
def test_cues_the_parser_hides(nlp: Language, text: str, speaker: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker == speaker


def test_an_aside_between_dashes_is_not_a_byline(nlp: Language) -> None:
    quotes = quotes_of('Senator Ann Lee backed the "Cadillac tax" — Obama\'s levy on costly plans — in May.', nlp)
    assert [(q.text, q.method) for q in quotes] != [] and all(q.method != "byline" for q in quotes)


def test_a_misspelt_name_is_the_same_person(nlp: Language) -> None:
    text = (
        "Republican chairman Reince Priebus spoke on Monday. Reince Priebus said the party was united.\n\n"
        '"The evidence is clear," Rence Priebus said.'
    )
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker == "Reince Priebus"


def test_british_style_single_quotes_are_attributed(nlp: Language) -> None:
    text = (
        "Defence Secretary John Healey spoke in London on Friday.\n\n"
        "‘We will not waver, and we don’t intend to,’ Healey said. ‘Ukraine can count on us.’"
    )
    quotes = quotes_of(text, nlp)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not waver, and we don’t intend to,", "John Healey"),
        ("Ukraine can count on us.", "John Healey"),
    ]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "she" skips the nearer subject whose honorific says he is a man.
        (
            'Ms. Mary Smith met Mr. John Brown on Monday. Mr. Brown left early.\n\n"We have a deal," she said.',
            "Mary Smith",
        ),
        (
            'Ms. Mary Smith met Mr. John Brown on Monday. Ms. Smith left early.\n\n"We have a deal," he said.',
            "John Brown",
        ),
        # An honorific picks between namesakes.
        (
            'Former President Bill Clinton and Hillary Clinton arrived.\n\n"We are ready," Mrs. Clinton said.',
            "Hillary Clinton",
        ),
        # "the minister" is the nearest named person given that title.
        (
            "Defence minister Tom Kurz met Finance minister Ola Ruud on Monday.\n\n"
            '"The budget is fixed," the minister said.',
            "Ola Ruud",
        ),
        # "the governor" is the one in office, not the nearer former one.
        (
            "New Jersey Gov. Chris Christie endorsed Trump. Former governor Christine Whitman was appalled.\n\n"
            '"He is the best person," the governor said.',
            "Chris Christie",
        ),
        # A name restating a pronoun in the description's clause ("he, Rowe,") does not rule that person out.
        (
            "Maine Gov. Paul Rowe endorsed Trump. Former governor Ann Pike was appalled.\n\n"
            '"He is the best person," the governor said, before clarifying that he, Rowe, was the best candidate.',
            "Paul Rowe",
        ),
        # A description nobody was given before is the person the story is about.
        (
            "Hillary Clinton spoke in Iowa. Clinton met voters on Monday.\n\n"
            'In an interview, the Democratic candidate said: "We will win this state."',
            "Hillary Clinton",
        ),
        # "he" is the subject of the main clause, not of the clause it reports.
        (
            "White House spokesman Josh Earnest said Barack Obama was not targeting Trump.\n\n"
            '"It is not uncommon to hear that," he said.',
            "Josh Earnest",
        ),
        # A short name shared by two people: the one the story is about, unless
        # the other was just mentioned.
        (
            "Hillary Clinton campaigned in Ohio. Clinton spoke on jobs. Clinton visited a plant.\n\n"
            "Clinton and her husband, former President Bill Clinton, attended the wedding.\n\n"
            "The visit was short.\n\n"
            '"I have been vetted," Clinton said.',
            "Hillary Clinton",
        ),
        (
            "Hillary Clinton campaigned in Ohio. Clinton spoke on jobs.\n\n"
            'Former President Bill Clinton spoke in Denver. "We are ready," Clinton said.',
            "Bill Clinton",
        ),
        # A relative named in full later does not take over the surname.
        (
            "Senator Mark Dolan opened the session on Monday.\n\n"
            "He was joined by his daughter Emily Dolan, who spoke first.\n\n"
            '"We will fix the roads," Dolan said.',
            "Mark Dolan",
        ),
        # A surname before either full name is the one the article names first.
        (
            "Mayor Ruth Okafor spoke at the rally. Her brother, Sam Okafor, was there.\n\n"
            "The rally ran late.\n\n"
            'Okafor said: "The city is ready."',
            "Ruth Okafor",
        ),
        # A name in the title of someone else ("a Ruth Okafor aide") is not who the story is about.
        (
            "Former Ruth Okafor aide Tim Bell spoke on Monday about Sam Okafor and his plans.\n\n"
            "The plans were costly.\n\n"
            '"The budget is fixed," Okafor said.',
            "Sam Okafor",
        ),
        # A first name's usual sex, where the article gives nothing else.
        (
            "Caroline Mills met reporter Ben Jacobs at the rally. Jacobs wrote about it later.\n\n"
            '"It just came out of my mouth," she said.',
            "Caroline Mills",
        ),
        # Headline words the model read as part of a name.
        ('Ted Cruz Refuses to Back Down.\n\nTed Cruz spoke on Monday.\n\n"Never," Cruz said.', "Ted Cruz"),
    ],
)
def test_pronouns_honorifics_and_nominals_resolve_to_the_right_person(nlp: Language, text: str, speaker: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A surname the model did not tag as a person ("Grady" read as a noun)
        # is still the nearest subject for "he".
        (
            "Senator Mark Ellison met Governor Paul Grady in Ohio.\n\n"
            "Grady at the time said he would stay neutral. Ellison left early.\n\n"
            "Grady earlier Tuesday backed away from the plan.\n\n"
            '"I never promised that," he said.',
            "Paul Grady",
        ),
        (
            "Sebastian Gorka and John Bolton spoke at the event. Bolton criticised the plan.\n\n"
            'Gorka similarly warned that officers he has spoken with "understand that we don\'t have a strategy."',
            "Sebastian Gorka",
        ),
        # A subject known to agree is preferred only nearby: paragraphs back,
        # the nearer subject of unknown gender is likelier.
        (
            "Senator Ted Cruz spoke in Texas. Cruz praised the plan.\n\nThe plan was debated for hours.\n\n"
            "Jordan Graham gave a speech in Ohio. Graham argued that the idea was sound.\n\n"
            '"The answer is simple," he said.',
            "Jordan Graham",
        ),
        # "Clinton said she …" after Bill Clinton is no evidence that Bill
        # Clinton is a "she": the surname is Hillary Clinton's too.
        (
            "Hillary Clinton campaigned in Ohio on Monday.\n\nThe crowd was large.\n\nThe weather was cold.\n\n"
            'Bill Clinton spoke in Denver. Clinton said she would win the state.\n\n"We are ready," she said.',
            "Hillary Clinton",
        ),
        # A name in apposition to the subject is the subject.
        (
            "Senator Tom Reed spoke first on Monday.\n\n"
            'The head of the union, Jon Hale, warned that a ban would be wrong. He said the plan "is unacceptable."',
            "Jon Hale",
        ),
        # "there's X" brings X on stage as a subject does.
        (
            "Mayor Tom Reed backed the plan on Monday.\n\nThen there's Paul Axel.\n\n"
            '"It is a mistake," he wrote on Twitter.',
            "Paul Axel",
        ),
    ],
)
def test_pronouns_resolve_to_the_nearest_likely_subject(nlp: Language, text: str, speaker: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "text, kind",
    [
        ('"We will rebuild the bridge," Mayor Tom Baker said.', "direct"),
        ('Mayor Tom Baker called the delay "an utter disgrace" on Monday.', "partial"),
        ('Mayor Tom Baker said the plan "will not work without more money."', "partial"),
    ],
)
def test_kind(nlp: Language, text: str, kind: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert quote.kind == kind


def test_offsets_of_cue_and_mention_are_the_text(nlp: Language) -> None:
    article = read_article(SEED)
    for quote in extract(article, nlp):
        assert article.text[quote.speaker_start : quote.speaker_end] == quote.mention
        if quote.cue is not None:
            assert article.text[quote.cue_start : quote.cue_end] == quote.cue


def test_a_paragraph_longer_than_the_model_takes_is_read_as_several(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 50)
    text = 'The mayor spoke. "This paragraph is longer than fifty characters," she said.'
    parsed = parse(parse_article(text, source="test.txt"), nlp)
    assert [text[p.start : p.end] for p in parsed.paragraphs] == [
        "The mayor spoke.",
        '"This paragraph is longer than fifty characters,"',
        "she said.",
    ]
    assert [q.text for q in quotes_of(text, nlp)] == ["This paragraph is longer than fifty characters,"]


def test_a_dateline_is_not_a_speaker(nlp: Language) -> None:
    text = (
        "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee issued an apology to Bernie Sanders, "
        'saying it was "deeply sorry for the inexcusable remarks."'
    )
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, quote.speaker_type) == ("Democratic National Committee", "organization")


@pytest.mark.parametrize(
    "text",
    [
        # The governing verb's subject cannot speak: no speaker rather than a wrong one.
        'Under Florida law, battery is committed when a person "actually and intentionally touches another person."',
        # A copula says nothing about who said it.
        'The real question is whether the plan is "a hammock that lulls people to lives of dependency."',
        # A verb before a mistagged speech verb is no subject, nor a mention reaching into the quotation.
        "“Call the roll, call the roll now,” came shouts from the crowd, as the crowd booed.",
        # A passive subject did not say what it was called.
        'Senator Ann Marsh was labelled "a liar who cannot be trusted with the budget" by her rivals.',
    ],
)
def test_no_speaker_rather_than_a_wrong_one(nlp: Language, text: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker is None and quote.method == "none"


@pytest.mark.parametrize(
    "text, speaker, method",
    [
        # A colon right before the quotation, in the same paragraph.
        (
            'Hillary Clinton spoke in Iowa. Clinton had a blunt message for critics: "No one is tearing this up."',
            "Hillary Clinton",
            "colon",
        ),
        # A label after a heading: the person nearest the colon.
        (
            "EXPECTATIONS IN OTHER STATES - Michael P. McDonald: “At long last the nomination contests have started.”",
            "Michael P. McDonald",
            "label",
        ),
    ],
)
def test_colon_in_the_same_paragraph(nlp: Language, text: str, speaker: str, method: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, quote.method) == (speaker, method)


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # A phrase after "Name," that is the subject of the next verb is no appositive:
        # the pre-modifier is the title.
        (
            "Mayor Tom Baker spoke on Monday.\n\n"
            "To Boston College history professor Anne Riley, the mayor's sudden silence seemed strange.\n\n"
            '"It looked like defeat," she said.',
            "Anne Riley",
            "Boston College history professor",
        ),
        # ... and that subject is a description of someone named before.
        (
            "Maria Gomez toured Ohio on Monday.\n\n"
            "In an interview with radio host Dan Weller, the Democratic Senate candidate said she would win.\n\n"
            '"We will carry this state," Gomez said.',
            "Maria Gomez",
            "Democratic Senate candidate",
        ),
        # A dateline before the title is not part of it.
        (
            'LONDON - British Foreign Secretary Alan Marsh spoke on Monday. "We are ready," Marsh said.',
            "Alan Marsh",
            "British Foreign Secretary",
        ),
        # A clause after the title noun is not part of the title.
        (
            'He met Tom Hale, an adviser with whom the mayor corresponded for years. "It was fine," Hale said.',
            "Tom Hale",
            "adviser",
        ),
    ],
)
def test_titles_from_appositives_and_pre_modifiers(nlp: Language, text: str, speaker: str, title: str) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.title) == (speaker, title)


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # A description does not refer to the subject of the clause around it
        # (a writer would have said "he"): the front-runner is Blake, not Moreau.
        (
            "Prime Minister Paul Moreau will meet with Jack Blake when the Republican front-runner "
            'arrives in Paris next week.\n\n"We will talk about trade," Blake said.',
            "Jack Blake",
            "Republican front-runner",
        ),
        # ... nor to someone named in the clause it is the subject of.
        (
            "The head of the teachers union is worried about what Jack Blake is planning.\n\n"
            '"This is a bad plan for schools," Blake said.',
            "Jack Blake",
            None,
        ),
        # A party word rules out a person the article gives the other party.
        (
            "Republican Senator Tom Reed and Ann Cole spoke on Monday. Ann Cole said she had won.\n\n"
            "The Democratic nominee then left for Ohio.\n\n"
            '"We will win this state," Reed said.',
            "Tom Reed",
            "Republican Senator",
        ),
    ],
)
def test_descriptions_link_to_the_person_grammar_and_party_allow(
    nlp: Language, text: str, speaker: str, title: str | None
) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.title) == (speaker, title)


@pytest.mark.parametrize(
    "text",
    [
        # Numbers and finite verbs make no title.
        'Polls show Ann Cole, 11 percent, behind. "We will catch up," Cole said.',
        'Khans: Ann Cole stirs anger.\n\n"We will catch up," Cole said.',
    ],
)
def test_junk_phrases_are_no_title(nlp: Language, text: str) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.title) == ("Ann Cole", None)


def test_a_single_quoted_word_after_a_quotation_paragraph_is_not_continued(nlp: Language) -> None:
    text = '"We waited years for this bridge," Mayor Tom Baker said.\n\n"Related:" More stories from the city.'
    assert [q.text for q in quotes_of(text, nlp)] == ["We waited years for this bridge,"]


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # The title is the last one given by the quote, not a later one nearer to it.
        (
            'Mayor Ann Cole opened the fair on Monday.\n\n"We are proud," Cole said.\n\n'
            "The Democratic candidate later left for Ohio.",
            "Ann Cole",
            "Mayor",
        ),
        # With none given yet, the first one given after the quote.
        (
            '"We are proud," said Ann Cole, the mayor of Dayton.\n\nCole, a Democrat, later left for Ohio.',
            "Ann Cole",
            "mayor of Dayton",
        ),
    ],
)
def test_title_is_the_one_given_by_the_quote(nlp: Language, text: str, speaker: str, title: str) -> None:
    quote = quotes_of(text, nlp)[0]
    assert (quote.speaker, quote.title) == (speaker, title)


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # A lede's description names the subject of the next sentence, with its "of" phrase.
        (
            "The head of the nurses union is worried about the new budget.\n\n"
            "In an interview on Monday, Ann Cole said her members would strike.\n\n"
            '"We are ready," Cole said.',
            "Ann Cole",
            "head of the nurses union",
        ),
        # A name in the headline, or inside the description, is not what it refers to.
        (
            "Hacker who fooled Tom Reed gets prison.\n\n"
            "The Romanian hacker who first fooled Senator Tom Reed was sentenced on Thursday to four years "
            "in prison by a federal judge in Virginia.\n\n"
            'Mark Lane, 44, was extradited last year.\n\n"I am sorry," Lane said.',
            "Mark Lane",
            "Romanian hacker",
        ),
        # Once the body has named someone, a description does not look ahead.
        (
            "Ann Cole spoke to voters in Dayton on Monday about schools, taxes and the new budget that "
            "the city council will vote on next week.\n\n"
            "The politician seemed tired.\n\n"
            'Tom Reed said the race was close. "We will win," Reed said.',
            "Tom Reed",
            None,
        ),
    ],
)
def test_lede_descriptions_name_the_next_subject(nlp: Language, text: str, speaker: str, title: str | None) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.title) == (speaker, title)


@pytest.mark.parametrize(
    "text, speaker, title",
    [
        # A plural appositive after two names joined by "and" is the title of both.
        (
            "Omar and Leila Haddad, the Gold Star parents whose speech moved the convention, "
            'say they felt they had to speak.\n\n"We love this country," Omar Haddad said.',
            "Omar Haddad",
            "Gold Star parents",
        ),
        # "one of the stars of the play" is a star of the play.
        (
            '"We laugh at our troubles," said Pablo Ruiz, one of the stars of the play.',
            "Pablo Ruiz",
            "star of the play",
        ),
        # ... but a title before the name comes first.
        (
            'The Peruvian novelist Pablo Ruiz, one of the signatories, spoke. "It is wrong," Ruiz said.',
            "Pablo Ruiz",
            "Peruvian novelist",
        ),
        # The noun a participle of naming links the name to.
        (
            "The woman identified herself to reporters as a Salem, N.H., resident named Carla.\n\n"
            '"He cares about us," Carla said.',
            "Carla",
            "Salem, N.H., resident",
        ),
        # A capitalised title before the name.
        (
            '"We need an election," said Senate Minority Whip Tom Reed in an interview.',
            "Tom Reed",
            "Senate Minority Whip",
        ),
    ],
)
def test_titles_of_coordinated_names_groups_and_namings(nlp: Language, text: str, speaker: str, title: str) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.title) == (speaker, title)


@pytest.mark.parametrize("mark, title", [(":", None), (",", "Trump stirs ugliness")])
def test_only_a_phrase_set_off_by_a_comma_is_an_appositive(nlp: Language, mark: str, title: str | None) -> None:
    # A headline parsed as "Coles" with the appositive "ugliness" (as the
    # small model parses "Khans: Trump stirs 'ugliness'").
    words = ["Coles", mark, "Trump", "stirs", "ugliness", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[0, 0, 3, 4, 0, 0],
        deps=["ROOT", "punct", "compound", "poss", "appos", "punct"],
        pos=["PROPN", "PUNCT", "NOUN", "NOUN", "NOUN", "PUNCT"],
        tags=["NNPS", ":", "NN", "NNS", "NN", "."],
        ents=["B-PERSON", "O", "O", "O", "O", "O"],
    )
    assert title_of(doc.ents[0]) == title


@pytest.mark.parametrize(
    "text, speaker, speaker_type",
    [
        # A letter doubled in the wrong place is the same surname.
        (
            'Reporter Elena Barrott covered the hearing.\n\n"Well done," Barot said to the aide.',
            "Elena Barrott",
            "person",
        ),
        # A known surname at the start of a sentence, tagged a common noun, is the person.
        (
            "Donald J. Trump spoke in Iowa.\n\n"
            "Trump then appears in a clip from a stump speech, saying, “We are going to win so much.”",
            "Donald J. Trump",
            "person",
        ),
        # A web site named by its address is an organisation "the company" can refer to.
        (
            "A statement posted on the website ShopFast.com said listings are made by users.\n\n"
            '"No one at the site has any tie to the seller," the company wrote in its statement.',
            "ShopFast.com",
            "organization",
        ),
    ],
)
def test_canonical_names_of_typos_untagged_names_and_web_sites(
    nlp: Language, text: str, speaker: str, speaker_type: str
) -> None:
    quote = quotes_of(text, nlp)[-1]
    assert (quote.speaker, quote.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(
    "second, speaker",
    [
        ("Clinton spokesman Brian Fallon said the report was misleading.", "Brian Fallon"),
        # Only the one person with that title and that relation.
        ("A spokesman for Donald Trump, Jason Miller, declined to comment.", None),
    ],
)
def test_a_relational_description_is_the_one_person_with_that_title(
    nlp: Language, second: str, speaker: str | None
) -> None:
    text = f'A spokesman for Hillary Clinton called the report "outrageous."\n\n{second}'
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, quote.title) == (speaker, "spokesman")


@pytest.mark.parametrize(
    "text, mention",
    [
        (
            "In a Post-ABC News poll released Sunday, 75 percent of Democrats said they were "
            '"very enthusiastic" about her.',
            "a Post-ABC News poll",
        ),
        (
            'In a national CNN/ORC poll released Monday, 31% of Republicans said they were "extremely '
            'enthusiastic" about voting.',
            "a national CNN/ORC poll",
        ),
        # The poll may be named in the sentence before.
        (
            'A new Quinnipiac poll came out on Monday. Some 37 percent say the party is "on the wrong track."',
            "A new Quinnipiac poll",
        ),
    ],
)
def test_the_figures_of_a_poll_are_the_polls(nlp: Language, text: str, mention: str) -> None:
    (quote,) = quotes_of(text, nlp)
    assert (quote.speaker, text[quote.speaker_start : quote.speaker_end]) == (None, mention)


INTERVIEW = """OK Gov Fallin says Trump can unite the country

CNN's Jake Tapper spoke with Oklahoma Gov. Mary Fallin on Sunday about Donald Trump.

EDITOR'S NOTE: This story was updated on Monday with more of the interview.

JAKE TAPPER: Donald Trump released a video on Friday talking about racial healing.

TRUMP: The deaths of Alton Sterling and Philando Castile make clear how much more work we have to do.

TAPPER: Do you think he can heal the divide?

FALLIN: Well, I think the whole nation needs to work together.

CORRECTION: An earlier version misspelt a name.

Q: Will you campaign with him?

A: I will, and proudly."""


def test_transcript_turns_are_quotes_of_the_person_their_label_names(nlp: Language) -> None:
    quotes = extract(parse_article(INTERVIEW, source="test.txt"), nlp, transcripts=True)
    assert [(q.speaker, INTERVIEW[q.speaker_start : q.speaker_end], q.method) for q in quotes] == [
        ("Jake Tapper", "JAKE TAPPER", "transcript"),
        ("Donald Trump", "TRUMP", "transcript"),
        # A surname that an earlier label gave in full; one the article gives with a title.
        ("Jake Tapper", "TAPPER", "transcript"),
        ("Mary Fallin", "FALLIN", "transcript"),
        # The interviewer is unnamed; the interviewee is the one the first subject of the body spoke with.
        (None, "Q", "transcript"),
        ("Mary Fallin", "A", "transcript"),
    ]
    assert quotes[4].title == "interviewer"
    # Off by default: turns are not quotation marks.
    assert quotes_of(INTERVIEW, nlp) == []


def test_a_possessed_relational_description_is_the_one_person_with_that_title(nlp: Language) -> None:
    text = (
        'Hillary Clinton\'s spokesman called the report "outrageous."\n\n'
        "Clinton spokesman Brian Fallon said the report was misleading."
    )
    (quote,) = quotes_of(text, nlp)
    assert quote.speaker == "Brian Fallon"


def test_no_guess_when_the_title_holder_is_ruled_out(nlp: Language) -> None:
    # "the senator" is Reed, whom the parse rules out (he is named in its
    # clause): whoever else it is guessed to be, it is no title of theirs.
    text = (
        "Sen. Tom Reed won his primary on Tuesday.\n\n"
        'Jim Pratt praised Reed on Monday. "He will win," Pratt said.\n\n'
        '"Tom Reed won tonight," Ann Cole said on her show after the senator easily won his primary, '
        "remarking that Reed had paid a price."
    )
    quote = quotes_of(text, nlp)[0]
    assert (quote.speaker, quote.title) == ("Jim Pratt", None)


def test_a_quoted_title_with_a_full_stop_is_still_a_name(nlp: Language) -> None:
    text = 'Sen. Tom Reed spoke at the gala, where the band performed "Bridge Over Troubled Water."'
    assert quotes_of(text, nlp) == []


def test_put_it_is_a_cue_only_in_as_x_puts_it(nlp: Language) -> None:
    (quote,) = quotes_of('Tom Reed put it on the shelf. "This is the best book of the year."', nlp)
    assert (quote.speaker, quote.method) == (None, "none")


def test_who_was_asked_did_not_speak(nlp: Language) -> None:
    (quote,) = quotes_of('"Will you run again?" Tom Reed was asked on Monday.', nlp)
    assert (quote.speaker, quote.method) == (None, "none")


def test_a_relayed_quotation_is_the_speakers_not_the_relays(nlp: Language) -> None:
    text = (
        '"I ask you as a personal courtesy not to protest on the floor," Bernie Sanders said, according to CNN. '
        '"It is of utmost importance."'
    )
    assert [q.speaker for q in quotes_of(text, nlp)] == ["Bernie Sanders", "Bernie Sanders"]


def test_names_lose_what_the_model_glued_to_them(nlp: Language) -> None:
    text = '"Books were a shared experience," explains -Craig Fehrman, a historian.'
    assert [q.speaker for q in quotes_of(text, nlp)] == ["Craig Fehrman"]


@pytest.mark.parametrize(
    "text, start, end, words",
    [
        # An entity the model ran on into the phrase after the name.
        ("Juan Manriquez of Boston came.", 0, 3, ["Juan", "Manriquez"]),
        # A possessive the entity took from the word before.
        ("Bill's Clinton came.", 1, 3, ["Clinton"]),
    ],
)
def test_name_words_trim_the_entity(nlp: Language, text: str, start: int, end: int, words: list[str]) -> None:
    doc = nlp(text)
    assert name_words(Span(doc, start, end, label="PERSON")) == words


def test_a_pronoun_after_a_name_the_model_did_not_tag_is_that_name(nlp: Language) -> None:
    (quote,) = quotes_of('Burton explained from a podium. "I love cats," he said.', nlp)
    assert (quote.speaker, quote.mention) == ("Burton", "he")


@pytest.mark.parametrize(
    "text",
    [
        '"The bill is dead," Tom Reed was told by aides.',
        'Tom Reed was told that "the bill is dead and buried for good."',
    ],
)
def test_who_was_told_did_not_speak(nlp: Language, text: str) -> None:
    assert [q.speaker for q in quotes_of(text, nlp)] in ([], [None])


@pytest.mark.parametrize(
    "text",
    [
        'Tom Reed was quoted as saying the bill was "dead on arrival."',
        'Tom Reed was overheard telling aides that the vote was "a farce."',
    ],
)
def test_who_was_quoted_or_overheard_spoke(nlp: Language, text: str) -> None:
    assert [q.speaker for q in quotes_of(text, nlp)] == ["Tom Reed"]


def test_a_pronoun_does_not_go_to_a_proper_noun_of_the_other_gender(nlp: Language) -> None:
    (quote,) = quotes_of('Mary Smith spoke at the rally. "We won the vote today," he said.', nlp)
    assert (quote.speaker, quote.mention) == (None, "he")


def test_a_lower_case_proper_noun_is_no_name(nlp: Language) -> None:
    (quote,) = quotes_of('The mogul told reporters on Monday, "We will build it."', nlp)
    assert (quote.speaker, quote.mention) == (None, "The mogul")


@pytest.mark.parametrize(
    "word, expected",
    [
        ("said", True),
        ("states", True),
        ("stated", True),
        ("begged", True),
        ("quipped", True),
        ("denied", True),
        ("replies", True),
        ("state", True),
        ("secretary", False),
        ("offices", False),
        ("stating", False),
    ],
)
def test_speech_verb_forms(word: str, expected: bool) -> None:
    assert is_speech_verb_form(word) is expected
