"""Fictional minute text from word lists and a seeded random, for benchmark databases.

Every name, place and sentence is invented: place names are built from made-up syllables and
sentences from small phrase lists, so nothing resembles a real panel's minutes except the shape.
Lengths follow what a clerk writes: a paragraph of one to five sentences, a one-sentence question,
a longer answer, a one-line resolution, a few words of procedure.
"""

from __future__ import annotations

import random

PLACE_HEADS = (
    "Ash", "Brack", "Cald", "Dun", "Esk", "Fern", "Grey", "Harrow", "Kel", "Lyn", "Mar", "Nor",
    "Oak", "Pen", "Rav", "Sil", "Thorn", "Wey", "Bram", "Cor", "Elder", "Hazel", "Quen", "Tam",
)
PLACE_TAILS = (
    "combe", "moor", "vale", "ford", "holm", "mere", "ley", "wick", "stow", "dale", "bury",
    "field", "marsh", "worth",
)
FIRST_NAMES = (
    "Alys", "Bernard", "Carys", "Declan", "Edith", "Fergus", "Gwen", "Hamish", "Imogen", "Jasper",
    "Kezia", "Lionel", "Maud", "Niall", "Orla", "Piers", "Rosamund", "Silas", "Tamsin", "Ulric",
    "Verity", "Wilf", "Yasmin", "Zeb", "Anwen", "Bryn", "Clemency", "Dorian", "Elspeth", "Felix",
)
SURNAMES = (
    "Abernathy", "Blackwood", "Carrow", "Dimmock", "Eversley", "Fairweather", "Gorringe",
    "Hollins", "Ingledew", "Jessop", "Kettleby", "Lockyer", "Mottram", "Netherby", "Ollerton",
    "Pardoe", "Quarrie", "Rudge", "Sallows", "Tilney", "Upcott", "Varley", "Wendover", "Yeoman",
    "Ashdown", "Brunskill", "Cheverton", "Dabney", "Elcombe", "Froome", "Gilpin", "Harnett",
)
TOPICS = (
    "Commissioner's budget monitoring report", "Police and crime plan: annual report",
    "Rural and wildlife crime update", "Proposed precept for the coming year",
    "Complaints against the Commissioner", "Victims' services commissioning",
    "Neighbourhood policing review", "Road safety partnership report",
    "Confirmation hearing: proposed Chief Finance Officer", "Estates strategy update",
    "Violence against women and girls strategy", "Serious violence duty: progress report",
    "Call handling and 101 performance", "Youth offending and diversion schemes",
    "Treasury management outturn", "Community safety grants", "Anti-social behaviour update",
    "Burglary and vehicle crime performance", "Domestic abuse perpetrator programme",
    "Custody and detention visiting scheme", "Fleet replacement programme",
    "Drug and alcohol recovery services", "Retail crime partnership", "Work force planning",
)
STANDING = (
    "Apologies and substitutes", "Declarations of interest",
    "Minutes of the previous meeting", "Action log and matters arising",
)
CLOSING = "Forward work programme"

SUBJECTS = (
    "The Commissioner", "The Chief Executive", "The Chief Finance Officer", "The Panel",
    "Members", "The Chair", "The Deputy Commissioner", "The force", "Officers",
    "The head of victims' services", "The lead officer", "The partnership board",
)
VERBS = (
    "explained that", "reported that", "confirmed that", "noted that", "said that",
    "acknowledged that", "assured members that", "highlighted that", "stressed that",
    "agreed that", "observed that", "told the Panel that",
)
CLAUSES = (
    "recruitment of new officers was ahead of the planned figures",
    "the savings target would be met without reducing neighbourhood teams",
    "the precept proposal reflected the pressures on pay and energy costs",
    "a review of the estates programme would report back in the autumn",
    "victims were now contacted within two working days in most cases",
    "the new call handling system had reduced the time taken to answer 101 calls",
    "partners had been asked to share data on repeat victims of anti-social behaviour",
    "funding for the diversion scheme had been secured for a further two years",
    "the capital programme had slipped because of delays in the supply of vehicles",
    "the reserves strategy would be reviewed before the budget was set",
    "complaints had been handled within the statutory timescales",
    "overtime spending was higher than planned because of summer events",
    "the force would publish its response to the inspection report next month",
    "the cost of the fleet replacement was within the approved budget",
)
# Templated clauses: slots drawn from the lists below, so that a particular word (a crime, a
# place, a team) turns up in a small share of entries, as in real minutes, not in every other one.
TEMPLATES = (
    "{count} {crime} offences had been recorded in {place} since {month}",
    "reports of {crime} in {place} had {trend} compared with the same period last year",
    "the {team} team had {achieved} in {place}",
    "{crime} remained a priority for the {team} team in the coming year",
    "more detail on outcomes for victims of {crime} would be circulated before {month}",
    "the force was working with {partner} on {crime} in {place}",
    "the {team} team would present its findings on {crime} to the Panel in {month}",
    "{count} officers had been trained to recognise {crime} by the end of {month}",
    "{partner} had agreed to fund a pilot on {crime} in {place}",
    "response times in {place} had {trend} since the {team} team was formed",
    "the inspection had praised the work of the {team} team on {crime}",
    "the Panel would receive a further report on {crime} in {month}",
)
CRIMES = (
    "burglary", "shoplifting", "vehicle crime", "fraud", "cyber crime", "knife crime",
    "drug dealing", "hate crime", "stalking", "criminal damage", "arson", "theft of machinery",
    "livestock worrying", "fly-tipping", "wildlife crime", "hare coursing", "domestic abuse",
    "modern slavery", "county lines exploitation", "speeding", "drink driving", "cycle theft",
    "metal theft", "heritage crime", "retail violence", "rogue trading", "doorstep fraud",
    "online grooming", "road rage", "dog theft", "catalytic converter theft", "antisocial driving",
    "begging", "graffiti", "harassment", "robbery", "sheep theft", "poaching", "trespass",
    "rural crime",
)
TEAMS = (
    "neighbourhood", "rural crime", "roads policing", "economic crime", "safeguarding",
    "problem solving", "digital investigation", "victim care", "prevention", "youth engagement",
    "licensing", "business crime", "marine", "wildlife", "partnership", "intelligence",
)
PARTNERS = (
    "the district councils", "the fire and rescue service", "local farmers", "the NHS trust",
    "housing associations", "the probation service", "schools and colleges", "retailers",
    "the youth offending service", "the ambulance service", "parish councils",
    "the national park authority", "bus operators", "universities", "faith groups",
)
TRENDS = ("fallen", "risen", "stayed level", "fallen sharply", "risen slightly", "improved",
          "worsened", "halved", "doubled")
ACHIEVEMENTS = (
    "closed forty cases", "opened a new base", "recruited twelve volunteers",
    "seized three vehicles", "held a week of action", "run a public survey",
    "visited every secondary school", "trained local businesses", "made sixty arrests",
    "launched a reporting app", "secured four convictions", "mapped the hot spots",
)
MONTHS_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
COUNTS = ("twelve", "eighteen", "twenty-four", "thirty", "forty-one", "fifty-six", "seventy",
          "ninety-two", "a hundred and ten", "two hundred", "three", "seven", "nine")
CONNECTORS = ("and that", "but that", "although", "while", "because", "so that")
QUESTION_OPENERS = (
    "what progress had been made on", "whether the Commissioner was confident about",
    "how the force measured", "when members would see figures on", "what more could be done on",
    "whether partners were contributing to", "how much had been spent on", "why there were delays in",
)
QUESTION_TOPICS = (
    "the rural economy", "the recruitment of officers", "response times", "the precept",
    "support for victims", "crime in market towns", "the estates programme",
    "anti-social behaviour in town centres", "road safety", "the diversion scheme",
    "domestic abuse referrals", "the capital programme", "call handling",
)
RESOLUTIONS = (
    "that the report be noted", "that the proposed precept be endorsed",
    "that the Panel note the update and request a further report in six months",
    "that the Commissioner be asked to circulate the figures by district",
    "that the forward work programme be agreed", "that the appointment be supported",
    "that the minutes of the previous meeting be agreed as a correct record",
    "that the recommendations in the report be accepted",
)
PROCEDURES = (
    "{who} joined the meeting.", "{who} left the meeting.", "The meeting adjourned briefly.",
    "The meeting resumed.", "{who} left the room for this item.",
    "The Chair agreed to take this item early.",
)
ACTIONS = (
    "Circulate the figures by district to all members", "Arrange a briefing on {topic}",
    "Provide a written answer on {topic}", "Add {topic} to the forward work programme",
    "Share the partnership's report on {topic}", "Report back on {topic} at the next meeting",
)


class TextGen:
    """Seeded generator of fictional names and minute text."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def place(self) -> str:
        return self.rng.choice(PLACE_HEADS) + self.rng.choice(PLACE_TAILS)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def clause(self) -> str:
        r = self.rng
        if r.random() < 0.3:
            return r.choice(CLAUSES)
        return r.choice(TEMPLATES).format(
            count=r.choice(COUNTS), crime=r.choice(CRIMES), place=self.place(),
            month=r.choice(MONTHS_WORDS), trend=r.choice(TRENDS), team=r.choice(TEAMS),
            achieved=r.choice(ACHIEVEMENTS), partner=r.choice(PARTNERS),
        )

    def sentence(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {self.clause()}"
        if r.random() < 0.6:
            text += f", {r.choice(CONNECTORS)} {self.clause()}"
        return text + "."

    def paragraph(self, low: int = 1, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def question(self) -> tuple[str, str]:
        """(question, answer) in reported speech: "asked what ..." / "replied that ..."."""
        r = self.rng
        topic = (
            r.choice(QUESTION_TOPICS) if r.random() < 0.5
            else f"{r.choice(CRIMES)} in {self.place()}"
        )
        question = f"{r.choice(QUESTION_OPENERS)} {topic}."
        answer = self.clause()
        if r.random() < 0.7:
            answer += f", {r.choice(CONNECTORS)} {self.clause()}"
        answer += "."
        if r.random() < 0.4:
            answer += " " + self.sentence()
        return question, answer

    def resolution(self) -> str:
        return self.rng.choice(RESOLUTIONS) + "."

    def procedure(self, who: str) -> str:
        return self.rng.choice(PROCEDURES).format(who=who)

    def action(self) -> str:
        return self.rng.choice(ACTIONS).format(topic=self.rng.choice(QUESTION_TOPICS))

    def topics(self, count: int) -> list[str]:
        return self.rng.sample(TOPICS, min(count, len(TOPICS)))
