"""Write a second, separate set of survey exports (same layout as tests/data/forms/).

    .venv/bin/python tests/data/forms_holdout/make_holdout.py

Run the corpus checks on this folder with
``PAIRWISE_FORMS_CORPUS=tests/data/forms_holdout pytest tests/test_forms_corpus.py -s``.
Every person is fabricated.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "forms"))

from make_forms import (People, chance, email, iso_time, odd_case, pick, picks, slug,  # noqa: E402
                        stamps, voice, write_csv, write_forms, write_xlsx)

# -- Wufoo: alumni <-> student mentoring ---------------------------------------------------

MAJORS = ["Mechanical Engineering", "Economics", "Biology", "Computer Science", "English", "Political Science",
          "Nursing", "Accounting", "Chemistry", "Music"]
EMPLOYERS = ["Allegheny Health", "PNC", "a public school district", "Duolingo", "Self-employed", "Carnegie Museum",
             "Deloitte", "U.S. Steel", "a law firm", "Google"]
ALUM_TITLES = ["Senior Accountant", "Nurse Practitioner", "Product Manager", "Policy Analyst", "High School Teacher",
               "Software Engineer", "Associate Attorney", "Research Scientist", "Marketing Director", "Civil Engineer"]
US_CITIES = ["Pittsburgh, PA", "Philadelphia, PA", "PA", "Columbus, OH", "Cleveland OH", "Washington, DC", "NYC",
             "Baltimore, MD", "Chicago, IL", "Austin, TX", "Charlotte, NC", "Erie, PA", "Newark, NJ", "Nashville, TN"]
JOURNEY = ["I majored in {major} and ended up in {field} after a few detours", "First in my family to go to college; now {title}",
           "Started at {emp} right after graduation and have been there {y} years", "I changed careers at 35 from teaching to {field}",
           "Currently a {year} majoring in {major}, not sure what comes next", "Transfer student, {major} major, working part-time"]
GAIN = ["Help a student avoid the mistakes I made", "Figure out which internships are worth it", "Learn how to network without feeling fake",
        "Understand what a career in {field} actually looks like", "Give back to the school that gave me a lot",
        "Advice on grad school applications", "Practice interviewing"]
INDUSTRIES = ["Healthcare", "Finance", "Tech", "Education", "Government", "Nonprofit", "Law", "Engineering", "Arts"]


def wufoo_alumni_mentoring(rng, name: str) -> None:
    header = ["Entry Id", "Your Name (First)", "Your Name (Last)", "Email", "Graduation Year", "Major", "Current Employer",
              "Job Title", "City, State", "Are you an alum or a current student?", "Max number of students you can mentor",
              "Industries you can speak to", "Share a bit about your career journey", "What are you hoping to gain?",
              "Preferred contact method", "Date Created", "Created By", "Last Updated", "Updated By", "IP Address",
              "Last Page Accessed", "Completion Status"]
    people = People(rng)
    times = stamps(rng, 43, dt.datetime(2024, 8, 26, 9, 0), 21)
    rows = []
    for k, t in enumerate(times):
        p = people.draw()
        alum = chance(rng, 0.45)
        major = pick(rng, MAJORS)
        field = pick(rng, ["healthcare", "finance", "tech", "policy", "teaching", "law"])
        title = pick(rng, ALUM_TITLES)
        text = pick(rng, JOURNEY[:4] if alum else JOURNEY[4:]).format(
            major=major, field=field, title=title.lower(), emp=pick(rng, EMPLOYERS), y=int(rng.integers(2, 20)),
            year=pick(rng, ["sophomore", "junior", "senior"]))
        rows.append([str(k + 1), odd_case(rng, p["first"]), p["last"], email(rng, p),
                     str(int(rng.integers(1985, 2021))) if alum else str(int(rng.integers(2025, 2029))), major,
                     pick(rng, EMPLOYERS) if alum else "", title if alum else "Student", pick(rng, US_CITIES),
                     "Alum (mentor)" if alum else "Current student (mentee)", pick(rng, ["1", "2", "3"]) if alum else "",
                     ", ".join(picks(rng, INDUSTRIES, int(rng.integers(1, 3)))), voice(rng, text + "."),
                     voice(rng, pick(rng, GAIN).format(field=field)), pick(rng, ["Email", "Email", "Phone", "LinkedIn"]),
                     iso_time(t), "public", "" if chance(rng, 0.9) else iso_time(t + dt.timedelta(days=2)), "",
                     f"{int(rng.integers(20, 220))}.{int(rng.integers(0, 255))}.{int(rng.integers(0, 255))}.{int(rng.integers(1, 255))}",
                     "2", "1"])
    expected = {
        "tool": "Wufoo", "program": "mentoring",
        "mapping": {"id": "Entry Id", "first_name": header[1], "last_name": header[2], "email": "Email",
                    "company": "Current Employer", "role": "Job Title", "location": "City, State", "side": header[9],
                    "capacity": header[10], "interests": header[11], "summary": header[12], "wants": header[13],
                    "submitted_at": "Date Created"},
        "unmapped": ["Graduation Year", "Major", "Preferred contact method", "Created By", "Last Updated", "Updated By",
                     "IP Address", "Last Page Accessed", "Completion Status"],
        "must_not": {"Graduation Year": ["years_experience", "capacity"], "Preferred contact method": ["linkedin", "email"],
                     "Created By": ["name", "first_name"], "Last Updated": ["submitted_at"], "IP Address": ["location"],
                     "Last Page Accessed": ["capacity", "career_stage"], "Completion Status": ["side", "keep_registered"]},
        "signal_columns": ["Major", header[11], header[12], header[13]],
        "also_ok": {"Graduation Year": ["career_stage"], header[11]: ["none"]},
    }
    write_csv(name, header, rows, expected, folder=HERE)


# -- Google Forms (Portuguese): mentoring ---------------------------------------------------

PT_CARGOS = ["Desenvolvedora full-stack", "Analista de dados", "Engenheiro de software sênior", "Gerente de produto",
             "Designer de UX", "Cientista de dados", "Tech lead", "Estudante de Sistemas de Informação", "Analista de QA"]
PT_SOBRE = ["Trabalho com {area} há {y} anos e gosto muito de ensinar", "Estou migrando de carreira, antes trabalhava com vendas",
            "Sou {cargo} numa fintech e lidero um time pequeno", "Mãe de dois, trabalho remoto desde 2020",
            "Curto {area}; nas horas vagas toco violão", "Me formei recentemente e estou buscando a primeira vaga"]
PT_AREAS = ["desenvolvimento web", "dados", "produto", "design", "infraestrutura", "segurança"]
PT_ESPERA = ["Conseguir minha primeira vaga em tecnologia", "Crescer para uma posição de liderança", "Ajudar quem está começando",
             "Me preparar para entrevistas técnicas", "Trabalhar para fora do Brasil", "Organizar meus estudos"]
PT_TEMAS = ["Carreira", "Liderança", "Entrevistas", "Empreendedorismo", "Trabalho remoto", "Dados", "Inglês para tech"]


def gforms_pt_mentoria(rng, name: str) -> None:
    header = ["Carimbo de data/hora", "Endereço de e-mail", "Nome completo",
              "Você quer participar como mentor(a) ou mentorado(a)?", "Quantas pessoas você consegue mentorar?",
              "Cargo atual", "Empresa", "Tempo de experiência na área", "Cidade/Estado", "Fale um pouco sobre você",
              "O que você espera da mentoria?", "Áreas de interesse", "Autorizo o uso dos meus dados (LGPD)"]
    people = People(rng, ["Brazil", "Brazil", "Brazil", "Portugal", "Japan", "Italy"])
    times = stamps(rng, 47, dt.datetime(2024, 4, 8, 10, 0), 14)
    rows = []
    for t in times:
        p = people.draw()
        mentor = chance(rng, 0.35)
        cargo = pick(rng, PT_CARGOS[:7] if mentor else PT_CARGOS)
        rows.append([t.strftime("%d/%m/%Y %H:%M:%S"), email(rng, p), odd_case(rng, p["name"]),
                     "Mentor(a)" if mentor else "Mentorado(a)", pick(rng, ["1", "2", "3"]) if mentor else "", cargo,
                     pick(rng, ["Nubank", "iFood", "Itaú", "Freelancer", "uma startup", "Stone", "Totvs"]),
                     pick(rng, ["5 a 10 anos", "Mais de 10 anos"]) if mentor else pick(rng, ["Menos de 1 ano", "1 a 3 anos", "3 a 5 anos"]),
                     pick(rng, ["São Paulo, SP", "Recife - PE", "Belo Horizonte/MG", "Porto Alegre", "Curitiba, PR", "Lisboa, Portugal", "Florianópolis/SC"]),
                     voice(rng, pick(rng, PT_SOBRE).format(area=pick(rng, PT_AREAS), y=int(rng.integers(3, 15)), cargo=cargo.lower()) + "."),
                     voice(rng, pick(rng, PT_ESPERA[2:3] if mentor else PT_ESPERA)),
                     ", ".join(picks(rng, PT_TEMAS, int(rng.integers(1, 4)))), "Sim"])
    expected = {
        "tool": "Google Forms (Portuguese)", "program": "mentoring",
        "mapping": {"submitted_at": header[0], "email": header[1], "name": header[2], "side": header[3], "capacity": header[4],
                    "role": "Cargo atual", "company": "Empresa", "years_experience": header[7], "location": "Cidade/Estado",
                    "summary": header[9], "wants": header[10], "interests": header[11]},
        "unmapped": [header[12]],
        "must_not": {header[12]: ["keep_registered", "similar_role_required"]},
        "signal_columns": [header[9], header[10], header[11]],
        "also_ok": {header[7]: ["career_stage"]},
    }
    write_csv(name, header, rows, expected, folder=HERE)


# -- Typeform: language exchange tandem partners ------------------------------------------

LANGS = ["English", "Spanish", "French", "German", "Japanese", "Portuguese", "Mandarin", "Arabic", "Italian", "Korean"]
LX_ABOUT = ["Nurse in Madrid, I love hiking and bad reality TV", "Software developer, learning {lang} for a move next year",
            "Retired engineer, I read a lot of history", "University student studying international relations",
            "I cook, I climb, I watch too many films", "Barista and part-time illustrator", "Dad of three, football coach on weekends"]
LX_PARTNER = ["Someone patient who corrects my mistakes", "A fellow film nerd", "Anyone who likes talking about food",
              "Someone in a similar time zone", "A native speaker who wants to learn {lang}", "Relaxed, no pressure, just chatting"]


def typeform_language_exchange(rng, name: str) -> None:
    header = ["#", "What's your name?", "What's your email address?", "Which city do you live in?",
              "What's your native language?", "Which language would you like to practice?", "What's your level in that language?",
              "Tell us about yourself (hobbies, work, anything!)", "What would your ideal exchange partner be like?",
              "Which time zone are you in?", "Age", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]
    people = People(rng)
    times = stamps(rng, 36, dt.datetime(2024, 10, 14, 7, 0), 10)
    rows = []
    for t in times:
        p = people.draw()
        native, target = picks(rng, LANGS, 2)
        rows.append(["".join(pick(rng, "abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32)), odd_case(rng, p["name"]),
                     email(rng, p), p["home"] or "Dublin", native, target, pick(rng, ["A1", "A2", "B1", "B2", "C1"]),
                     voice(rng, pick(rng, LX_ABOUT).format(lang=target)), voice(rng, pick(rng, LX_PARTNER).format(lang=native)),
                     pick(rng, ["GMT+2", "UTC-5", "CET", "EST", "GMT", "UTC+9", "PST", "IST", "UTC-3"]), str(int(rng.integers(19, 67))),
                     iso_time(t - dt.timedelta(minutes=float(rng.uniform(1, 6)))), iso_time(t),
                     "".join(pick(rng, "0123456789abcdef") for _ in range(10))])
    expected = {
        "tool": "Typeform", "program": "peer",
        "mapping": {"id": "#", "name": header[1], "email": header[2], "location": header[3], "summary": header[7],
                    "wants": header[8], "timezone": header[9], "submitted_at": "Submit Date (UTC)"},
        "unmapped": [header[4], header[5], header[6], "Age", "Start Date (UTC)", "Network ID"],
        "must_not": {header[6]: ["career_stage"], "Age": ["years_experience", "capacity"], "Network ID": ["id"],
                     header[4]: ["role", "skills"], header[5]: ["wants", "role"]},
        "signal_columns": [header[4], header[5], header[7], header[8]],
    }
    write_csv(name, header, rows, expected, folder=HERE)


# -- Workday-style HR roster: mentoring program ---------------------------------------------

WD_TITLES = ["Senior Financial Analyst", "Software Engineer II", "HR Generalist", "Director, Supply Chain", "Data Scientist",
             "Plant Manager", "Procurement Specialist", "Principal Engineer", "Marketing Manager", "Associate, Legal"]
WD_EXPERTISE = ["Budgeting", "Negotiation", "Python", "Lean manufacturing", "Public speaking", "People management",
                "Contract law", "Data visualization", "Supplier management", "Agile"]
WD_GOALS = ["Grow into a people-manager role", "Build executive presence", "Learn more about the business side",
            "Move from plant operations to corporate", "Get better at stakeholder management", "Share what I've learned",
            "Help early-career colleagues navigate the company"]


def workday_mentoring_roster(rng, name: str) -> None:
    header = ["Worker", "Employee ID", "Business Title", "Supervisory Organization", "Location", "Hire Date",
              "Time in Position", "Management Level", "Email - Work", "Mentoring Role", "Mentee Capacity",
              "Development Goals", "Areas of Expertise", "Cost Center"]
    people = People(rng)
    leads = [people.draw()["name"] for _ in range(6)]
    rows = []
    for i in range(38):
        p = people.draw()
        mentor = i % 3 == 0
        rows.append([p["name"], str(int(rng.integers(100000, 999999))), pick(rng, WD_TITLES),
                     f"{pick(rng, ['Finance', 'Engineering', 'Operations', 'People', 'Legal'])} ({pick(rng, leads)})",
                     pick(rng, ["USA - Pittsburgh", "USA - Houston", "IND - Bengaluru", "DEU - Munich", "MEX - Monterrey"]),
                     dt.datetime(2010, 1, 4) + dt.timedelta(days=int(rng.integers(0, 5000))),
                     f"{int(rng.integers(0, 9))} year(s), {int(rng.integers(0, 12))} month(s)",
                     pick(rng, ["Manager", "Director", "Senior Individual Contributor"]) if mentor else
                     pick(rng, ["Individual Contributor", "Senior Individual Contributor"]),
                     f"{slug(p['first'])}.{slug(p['last'])}@acmeglobal.com", "Mentor" if mentor else "Mentee",
                     int(rng.choice([1, 2, 3])) if mentor else None, voice(rng, pick(rng, WD_GOALS[5:] if mentor else WD_GOALS[:5])),
                     ", ".join(picks(rng, WD_EXPERTISE, int(rng.integers(1, 4)))),
                     f"CC-{int(rng.integers(1000, 9999))} {pick(rng, ['Finance Ops', 'R&D', 'Plant 4', 'Corporate'])}"])
    expected = {
        "tool": "Workday report export (Excel)", "program": "mentoring",
        "mapping": {"name": "Worker", "id": "Employee ID", "role": "Business Title", "location": "Location",
                    "career_stage": "Management Level", "email": "Email - Work", "side": "Mentoring Role",
                    "capacity": "Mentee Capacity", "wants": "Development Goals", "skills": "Areas of Expertise"},
        "unmapped": ["Supervisory Organization", "Hire Date", "Time in Position", "Cost Center"],
        "must_not": {"Supervisory Organization": ["name", "company", "role"], "Hire Date": ["submitted_at"],
                     "Cost Center": ["id", "capacity"], "Time in Position": ["years_experience", "capacity"]},
        "signal_columns": ["Supervisory Organization", "Development Goals", "Areas of Expertise"],
    }
    write_xlsx(name, header, rows, expected, sheet="Mentoring Roster", folder=HERE)


FORMS = {"wufoo_alumni_mentoring": wufoo_alumni_mentoring, "google_forms_pt_mentoria": gforms_pt_mentoria,
         "typeform_language_exchange": typeform_language_exchange, "workday_mentoring_roster": workday_mentoring_roster}

if __name__ == "__main__":
    write_forms(FORMS)
