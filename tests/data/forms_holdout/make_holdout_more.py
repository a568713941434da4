"""Write four more held-back survey exports (same layout as tests/data/forms/), from tools and
communities the main corpus does not cover: an Italian Google Form, a church welcome-buddy sheet,
a Qualtrics running-club export (three header rows) and a Dutch KoboToolbox export (group paths).

    .venv/bin/python tests/data/forms_holdout/make_holdout_more.py

The expectations were written as an organizer would map each form, before the mapper saw them.
Every person is fabricated.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "forms"))

from make_forms import People, chance, email, odd_case, pick, picks, stamps, voice, write_csv, write_forms  # noqa: E402

# -- Italian Google Forms: professional mentoring ------------------------------------------

IT_RUOLI = ["Ingegnera del software", "Product manager", "Responsabile marketing", "Data analyst", "Commercialista",
            "Architetto", "Insegnante", "Studentessa di ingegneria", "Neolaureato in economia", "Stagista UX"]
IT_SU_DI_ME = ["Lavoro da {y} anni come {ruolo} a {citta}", "Mi occupo di {area} e mi piace insegnare",
               "Sono all'inizio della carriera e voglio crescere nel {area}", "Ho cambiato settore due anni fa, ora lavoro nel {area}"]
IT_ASPETTATIVE = ["Capire come passare a un ruolo di responsabilità", "Un confronto sincero sul mio percorso",
                  "Restituire qualcosa alla comunità", "Consigli per il primo colloquio", "Imparare a negoziare lo stipendio"]
IT_AREE = ["marketing digitale", "sviluppo software", "finanza", "design", "sostenibilità", "risorse umane"]


def gforms_it_mentoring(rng, name: str) -> None:
    header = ["Informazioni cronologiche", "Indirizzo email", "Nome e cognome",
              "Vuoi partecipare come mentor o come mentee?", "Quante persone saresti disposto/a a seguire?",
              "Ruolo attuale", "Azienda", "Anni di esperienza", "Città", "Presentati in poche righe",
              "Cosa ti aspetti dal programma?", "Argomenti di interesse",
              "Acconsento al trattamento dei dati personali"]
    people = People(rng, ["Italy", "Italy", "Italy", "Spain", "Egypt", "Ukraine"])
    rows = []
    for t in stamps(rng, 38, dt.datetime(2024, 3, 4, 9, 0), 10):
        p = people.draw()
        mentor = chance(rng, 0.4)
        ruolo = pick(rng, IT_RUOLI[:7] if mentor else IT_RUOLI)
        citta = pick(rng, ["Milano", "Torino", "Roma", "Bologna (BO)", "Napoli", "Firenze", "Bari", "Padova"])
        rows.append([t.strftime("%d/%m/%Y %H.%M.%S"), email(rng, p), odd_case(rng, p["name"]),
                     "Mentor" if mentor else "Mentee", pick(rng, ["1", "2", "3", "4"]) if mentor else "", ruolo,
                     pick(rng, ["Intesa Sanpaolo", "Freelance", "Eni", "una startup", "Luxottica", "Comune di Milano"]),
                     str(int(rng.integers(6, 25))) if mentor else str(int(rng.integers(0, 4))), citta,
                     voice(rng, pick(rng, IT_SU_DI_ME).format(y=int(rng.integers(2, 20)), ruolo=ruolo.lower(), citta=citta,
                                                              area=pick(rng, IT_AREE)) + "."),
                     voice(rng, pick(rng, IT_ASPETTATIVE)), ", ".join(picks(rng, IT_AREE, int(rng.integers(1, 4)))), "Sì"])
    expected = {
        "tool": "Google Forms (Italian)", "program": "mentoring",
        "mapping": {"submitted_at": header[0], "email": header[1], "name": header[2], "side": header[3],
                    "capacity": header[4], "role": header[5], "company": header[6], "years_experience": header[7],
                    "location": header[8], "summary": header[9], "wants": header[10], "interests": header[11]},
        "unmapped": [header[12]],
        "must_not": {header[12]: ["keep_registered", "similar_role_required", "side"],
                     header[7]: ["capacity"], header[4]: ["years_experience"]},
        "signal_columns": [header[9], header[10], header[11]],
        "also_ok": {header[11]: ["skills"]},
    }
    write_csv(name, header, rows, expected, folder=HERE)


# -- Church welcome team: a hand-kept buddy sheet --------------------------------------------

MINISTRIES = ["Choir", "Youth group", "Food pantry", "Bible study", "Hospitality", "Children's church", "Prayer team",
              "Men's breakfast", "Women's circle", "Tech & sound"]
KNOW = ["Just moved here from {place} with two kids", "Retired nurse, love baking for Sunday coffee",
        "Looking for a small group that meets on weeknights", "We'd love help finding a pediatrician nearby",
        "Happy to give rides to the early service", "New to the faith and a bit shy, a friendly face would help",
        "Speak Spanish and English", "Working night shifts, Sundays only"]


def church_welcome_buddies(rng, name: str) -> None:
    header = ["Member", "Household", "Mobile", "Email", "Small Group", "Parish area", "Welcomer or newcomer",
              "Families I can host", "Age bracket", "Ministries / interests", "Anything we should know?", "Added on"]
    people = People(rng, ["US", "US", "Nigeria", "Mexico", "Philippines", "Ghana", "Ireland"])
    rows = []
    for t in stamps(rng, 34, dt.datetime(2024, 9, 1, 12, 0), 40):
        p = people.draw()
        welcomer = chance(rng, 0.4)
        rows.append([odd_case(rng, p["name"]), f"The {p['last']} family" if chance(rng, 0.6) else p["last"],
                     f"({int(rng.integers(200, 989))}) 555-{int(rng.integers(1000, 9999))}",
                     email(rng, p) if chance(rng, 0.85) else "",
                     pick(rng, ["Tuesday Circle", "Young Adults", "Grace Group", "Men's Fellowship", ""]),
                     pick(rng, ["Northside", "Riverside", "Downtown", "West End", "Oak Hill", "St. Mary's parish"]),
                     "Welcomer" if welcomer else "Newcomer", pick(rng, ["1", "2", "2", "3"]) if welcomer else "",
                     pick(rng, ["18-25", "26-40", "41-60", "60+"]),
                     ", ".join(picks(rng, MINISTRIES, int(rng.integers(1, 4)))),
                     voice(rng, pick(rng, KNOW).format(place=pick(rng, ["Lagos", "Houston", "Manila", "Dublin"])))
                     if chance(rng, 0.8) else "",
                     f"{t.month}/{t.day}/{t.year}"])
    expected = {
        "tool": "Google Sheets (hand-kept list)", "program": "mentoring", "participants": len(rows),
        "mapping": {"name": "Member", "email": "Email", "location": "Parish area", "side": "Welcomer or newcomer",
                    "capacity": "Families I can host", "interests": "Ministries / interests",
                    "summary": "Anything we should know?", "submitted_at": "Added on"},
        "unmapped": ["Household", "Mobile", "Small Group", "Age bracket"],
        "must_not": {"Household": ["name", "first_name", "company"], "Mobile": ["id", "capacity", "years_experience"],
                     "Small Group": ["company", "name", "role"], "Age bracket": ["years_experience", "capacity"]},
        "signal_columns": ["Small Group", "Ministries / interests", "Anything we should know?"],
        "also_ok": {"Anything we should know?": ["wants"], "Added on": ["none"], "Small Group": ["none"]},
    }
    write_csv(name, header, rows, expected, folder=HERE)


# -- Qualtrics: running club buddy matching (three header rows) -------------------------------

QUALTRICS_META = [("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"),
                  ("Status", "Response Type", "status"), ("IPAddress", "IP Address", "ipAddress"),
                  ("Progress", "Progress", "progress"), ("Duration (in seconds)", "Duration (in seconds)", "duration"),
                  ("Finished", "Finished", "finished"), ("RecordedDate", "Recorded Date", "recordedDate"),
                  ("ResponseId", "Response ID", "_recordId"), ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
                  ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
                  ("RecipientEmail", "Recipient Email", "recipientEmail"),
                  ("ExternalReference", "External Data Reference", "externalDataReference"),
                  ("LocationLatitude", "Location Latitude", "locationLatitude"),
                  ("LocationLongitude", "Location Longitude", "locationLongitude"),
                  ("DistributionChannel", "Distribution Channel", "distributionChannel"),
                  ("UserLanguage", "User Language", "userLanguage")]
RUN_QUESTIONS = ["What is your name?", "Email address", "Which neighbourhood do you usually start your runs from?",
                 "What is your usual easy pace (min/km)?", "How many runs do you do in a typical week?",
                 "How long have you been running?", "What are you training for?",
                 "Which days can you usually run? - Selected Choice",
                 "Anything else your running buddy should know about you?"]
TRAINING = ["My first 10K in the spring", "A half marathon in October", "Just staying fit and social",
            "Coming back from a knee injury", "Berlin marathon, sub 4 hours", "Trail races this summer"]
ABOUT_RUN = ["I run with my dog most mornings", "Prefer chatting pace, not racing", "New in town, want to explore routes",
             "Early bird, usually out by 6", "I like hills and hate treadmills", "Training with a heart-rate watch"]


def qualtrics_running_buddies(rng, name: str) -> None:
    header = [m[0] for m in QUALTRICS_META] + [f"Q{i + 1}" for i in range(len(RUN_QUESTIONS))]
    row2 = [m[1] for m in QUALTRICS_META] + RUN_QUESTIONS
    row3 = [json.dumps({"ImportId": m[2], **({"timeZone": "Europe/Dublin"} if "Date" in m[0] else {})})
            for m in QUALTRICS_META] + [json.dumps({"ImportId": f"QID{i + 1}"}) for i in range(len(RUN_QUESTIONS))]
    people = People(rng, ["Ireland", "Ireland", "UK", "Poland", "Brazil", "India", "Italy"])
    rows = []
    for t in stamps(rng, 41, dt.datetime(2024, 1, 8, 7, 0), 20):
        p = people.draw()
        dur = int(rng.integers(60, 600))
        end = t + dt.timedelta(seconds=dur)
        rows.append([t.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"), "IP Address",
                     f"{int(rng.integers(31, 95))}.{int(rng.integers(1, 255))}.{int(rng.integers(1, 255))}.{int(rng.integers(1, 255))}",
                     "100", str(dur), "True", (end + dt.timedelta(seconds=2)).strftime("%Y-%m-%d %H:%M:%S"),
                     "R_" + uuid.UUID(int=int(rng.integers(1 << 62)) << 64 | int(rng.integers(1 << 62))).hex[-15:], "", "", "", "",
                     f"{53.3 + rng.normal(0, 0.05):.4f}", f"{-6.26 + rng.normal(0, 0.05):.4f}", "anonymous", "EN",
                     odd_case(rng, p["name"]), email(rng, p),
                     pick(rng, ["Rathmines", "Phoenix Park", "Clontarf", "Drumcondra", "Ringsend", "Portobello"]),
                     pick(rng, ["5:00", "5:30", "6:00", "6:15", "6:45", "7:30"]), str(int(rng.integers(1, 6))),
                     pick(rng, ["Less than a year", "1-3 years", "3-5 years", "More than 5 years"]),
                     voice(rng, pick(rng, TRAINING)),
                     ",".join(picks(rng, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                                    int(rng.integers(1, 4)))),
                     voice(rng, pick(rng, ABOUT_RUN)) if chance(rng, 0.8) else ""])
    q = RUN_QUESTIONS
    expected = {
        "tool": "Qualtrics (CSV, three header rows; columns read by their question text)", "program": "peer",
        "mapping": {"submitted_at": "Recorded Date", "name": q[0], "email": q[1], "location": q[2],
                    "years_experience": q[5], "wants": q[6], "summary": q[8]},
        "unmapped": [m[1] for m in QUALTRICS_META if m[1] != "Recorded Date"] + [q[3], q[4], q[7]],
        "must_not": {"IP Address": ["location"], "Duration (in seconds)": ["capacity", "years_experience"],
                     "Progress": ["capacity", "years_experience"], q[4]: ["capacity"],
                     "Recipient First Name": ["name", "first_name"], "Finished": ["keep_registered"],
                     "Response Type": ["side", "role"]},
        "signal_columns": [q[3], q[6], q[7], q[8]],
        "also_ok": {"End Date": ["submitted_at"], "Response ID": ["id"], "Location Latitude": ["lat"],
                    "Location Longitude": ["lon"], q[5]: ["career_stage"], q[8]: ["wants"], q[6]: ["summary"]},
        "notes": "Row 1 holds Qualtrics' short names (Q1, StartDate), row 2 the question text, row 3 ImportId JSON.",
    }
    write_csv(name, header, rows, expected, extra_header_rows=[row2, row3], folder=HERE, columns=row2)


# -- KoboToolbox (Dutch): neighbourhood buddies for older residents -------------------------

HOBBYS = ["wandelen", "koken", "tuinieren", "kaarten", "fietsen", "lezen", "muziek", "schaken"]
OVER_MIJ = ["Ik woon al {y} jaar in de wijk en ken veel mensen", "Gepensioneerd, ik vind het fijn om iets te betekenen",
            "Student, ik heb op dinsdag en donderdag tijd", "Sinds mijn man overleden is ben ik vaak alleen",
            "Ik ben net verhuisd en wil de buurt leren kennen", "Ik werk parttime in de zorg"]
WENSEN = ["Iemand om samen mee te wandelen", "Hulp bij boodschappen en een praatje", "Samen koffie drinken",
          "Een maatje die ook van kaarten houdt", "Gezelschap op zondagmiddag"]


def kobo_nl_buurtmaatjes(rng, name: str) -> None:
    header = ["start", "end", "today", "deviceid", "persoonsgegevens/naam", "persoonsgegevens/e_mail",
              "persoonsgegevens/telefoon", "persoonsgegevens/woonplaats", "persoonsgegevens/wijk",
              "rol/deelname_als", "rol/hoeveel_deelnemers", "profiel/leeftijdsgroep", "profiel/hobbys",
              "profiel/over_mij", "profiel/wensen", "_id", "_uuid", "_submission_time", "_validation_status",
              "_status", "_submitted_by", "__version__", "_index"]
    people = People(rng, ["Netherlands", "Netherlands", "Netherlands", "Turkey", "Indonesia", "Ghana"])
    rows = []
    for i, t in enumerate(stamps(rng, 36, dt.datetime(2024, 5, 13, 10, 0), 21)):
        p = people.draw()
        vrijwilliger = chance(rng, 0.45)
        end = t + dt.timedelta(minutes=float(rng.uniform(3, 20)))
        iso = lambda x: x.strftime("%Y-%m-%dT%H:%M:%S.000+02:00")  # noqa: E731
        rows.append([iso(t), iso(end), t.strftime("%Y-%m-%d"), pick(rng, ["ee.kobotoolbox.org:Kx81aPq", "enketo:9Fz2"]),
                     odd_case(rng, p["name"]), email(rng, p) if chance(rng, 0.8) else "",
                     f"06{int(rng.integers(10000000, 99999999))}", pick(rng, ["Utrecht", "Utrecht", "Zeist", "Nieuwegein"]),
                     pick(rng, ["Lombok", "Overvecht", "Kanaleneiland", "Wittevrouwen", "Zuilen"]),
                     "Vrijwilliger (maatje)" if vrijwilliger else "Deelnemer (ik zoek een maatje)",
                     pick(rng, ["1", "1", "2", "3"]) if vrijwilliger else "",
                     pick(rng, ["18-30", "31-50", "51-65", "65+"]) if vrijwilliger else pick(rng, ["65+", "65+", "51-65"]),
                     " ".join(picks(rng, HOBBYS, int(rng.integers(1, 4)))),
                     voice(rng, pick(rng, OVER_MIJ).format(y=int(rng.integers(3, 40))) + "."),
                     voice(rng, pick(rng, WENSEN)), str(41000000 + int(rng.integers(1, 999999))),
                     str(uuid.UUID(int=int(rng.integers(1 << 62)) << 64 | int(rng.integers(1 << 62)))), iso(end)[:19], "", "submitted_via_web",
                     "", "vK3nWq8LhR2sTz", str(i + 1)])
    expected = {
        "tool": "KoboToolbox (CSV, XML names with group paths)", "program": "mentoring", "participants": len(rows),
        "mapping": {"name": header[4], "email": header[5], "location": header[7], "side": header[9],
                    "capacity": header[10], "interests": header[12], "summary": header[13], "wants": header[14],
                    "id": "_id", "submitted_at": "_submission_time"},
        "unmapped": ["start", "end", "today", "deviceid", header[6], header[8], header[11], "_uuid",
                     "_validation_status", "_status", "_submitted_by", "__version__", "_index"],
        "must_not": {"deviceid": ["name", "id"], header[6]: ["id", "capacity"], header[11]: ["years_experience", "capacity"],
                     "_status": ["side", "keep_registered"], "__version__": ["name", "id"], "start": ["submitted_at"]},
        "signal_columns": [header[12], header[13], header[14]],
        "also_ok": {"end": ["submitted_at"], "_uuid": ["id"], header[8]: ["location"], header[7]: ["none"],
                    "_index": ["id"]},
    }
    write_csv(name, header, rows, expected, folder=HERE, sep=";")


FORMS = {"google_forms_it_mentoring": gforms_it_mentoring, "church_welcome_buddies": church_welcome_buddies,
         "qualtrics_running_buddies": qualtrics_running_buddies, "kobo_nl_buurtmaatjes": kobo_nl_buurtmaatjes}

if __name__ == "__main__":
    write_forms(FORMS)
