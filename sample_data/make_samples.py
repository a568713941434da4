"""Generate Pairwise's bundled sample data: fabricated people, realistic survey exports.

    python sample_data/make_samples.py            # writes the files next to this script
    python sample_data/make_samples.py --out DIR  # writes them somewhere else

Everything is drawn from one ``numpy.random.Generator`` seeded with ``SEED`` and passed
explicitly to every function (global random state is never touched), so a rerun with the same
NumPy version rewrites byte-identical files.  The README in this folder is written by this
script too, because it quotes row numbers that depend on the draw.

Every person is fabricated.  Names are random first-name/surname combinations per country,
companies and email domains are invented (apart from the gmail.com / outlook.com / yahoo.com
webmail domains); universities are used only as a student's "where do you work" answer.
Free text is composed from a persona (role, career stage, domain, tools, voice) and several
hundred hand-written fragments, so people in the same domain read alike without two answers
being identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240304
HERE = Path(__file__).resolve().parent

COFFEE_HEADERS = [
    "Submitted at",
    "Respondent ID",
    "Your name ",
    "Your email address",
    "What is your Slack Handle?",
    "Your LinkedIn URL",
    "Where do you work? ",
    "Which option best represents your role?",
    "How would you characterize your current career stage?",
    "Where are you based?",
    "Do you have a preference on who your buddy should be?",
    "Tweet-sized summary of yourself",
    "What are your skills? In which fields do you specialize?",
    "Describe what you want your buddy to be like.",
    "Keep me registered for all future rounds.",
]
MENTORING_HEADERS = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Are you joining as a mentor or a mentee?",
    "How many mentees can you take?",
    "Current role",
    "Years of experience",
    "Which city are you in?",
    "Tell us about yourself",
    "What are your skills? In which fields do you specialize?",
    "What do you want to get out of this program?",
    "Topics you'd like to talk about",
]

STAGES = [
    "Undergrad / New Grad",
    "Graduate Student",
    "1 - 3 Years of Experience",
    "3 - 5 Years of Experience",
    "5 - 10 Years of Experience",
    "10+ Years of Experience",
]
SIMILAR_YES = "My Buddy should be in a similar role as me"
KEEP_YES = "Keep me registered for all future rounds."


# =====================================================================================
# Small random helpers (all take the Generator explicitly)
# =====================================================================================

def pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(len(seq)))]


def picks(rng: np.random.Generator, seq, k: int) -> list:
    k = max(0, min(k, len(seq)))
    return [seq[i] for i in rng.choice(len(seq), size=k, replace=False)]


_USED: dict[object, dict[str, int]] = {}


def fresh(rng: np.random.Generator, seq, key: object = None):
    """Pick uniformly among the least-used items of ``seq``.

    Usage is counted per list (or per ``key``) within one run, so fragments spread across people
    instead of clustering; the choice among equally-used items is still random.
    """
    used = _USED.setdefault(key if key is not None else tuple(map(str, seq)), {})
    low = min(used.get(str(x), 0) for x in seq)
    cands = [x for x in seq if used.get(str(x), 0) == low]
    x = pick(rng, cands)
    used[str(x)] = used.get(str(x), 0) + 1
    return x


def wpick(rng: np.random.Generator, weights: dict):
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def low1(s: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (ML, SQL, LLMs ...)."""
    if not s:
        return s
    word = s.split(" ", 1)[0]
    if sum(ch.isupper() for ch in word) > 1:
        return s
    return s[:1].lower() + s[1:]


def art(word: str) -> str:
    """'a' or 'an' for a role phrase (acronyms by sound: an ML engineer, an SWE, a DS)."""
    first = word.split(" ", 1)[0]
    if len(first) > 1 and sum(ch.isupper() for ch in first) >= 2:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def sentence(s: str) -> str:
    s = s.strip()
    if not s:
        return s
    return s if s[-1] in ".!?" or s[-1] in "🙂😅🚀☕🤖📈🐍🌍🙌🐱🎸🌱✨🔥🙏👋" else s + "."


def join_sentences(*parts: str) -> str:
    return " ".join(sentence(p) for p in parts if p and p.strip())


def ascii_slug(s: str) -> str:
    s = s.replace("Ł", "L").replace("ł", "l").replace("Đ", "D").replace("đ", "d").replace("ß", "ss")
    s = s.replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("æ", "ae")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


# =====================================================================================
# People: names and places
# =====================================================================================
# Each country: first names by gender, surnames (a (male, female) pair where the surname is
# gendered), and locations typed the way people type them, with a timezone group.

COUNTRIES: dict[str, dict] = {
    "India": dict(w=15, f=["Priya", "Ananya", "Divya", "Sneha", "Meera", "Pooja", "Kavya", "Ishita", "Lakshmi", "Shreya", "Aditi", "Nandini", "Revathi"],
                  m=["Aarav", "Rohan", "Karthik", "Vikram", "Arjun", "Siddharth", "Nikhil", "Rahul", "Harsha", "Aditya", "Pranav", "Varun", "Sandeep"],
                  last=["Iyer", "Reddy", "Nair", "Patel", "Gupta", "Krishnan", "Menon", "Bhat", "Kulkarni", "Rao", "Das", "Verma", "Joshi", "Chatterjee", "Pillai", "Subramanian", "Agarwal", "Deshpande", "Mehta", "Hegde"],
                  loc=[("Bangalore", "IST"), ("Bengaluru, India", "IST"), ("Bengaluru", "IST"), ("Hyderabad", "IST"), ("Pune, India", "IST"), ("Chennai", "IST"), ("Delhi NCR", "IST"), ("Mumbai", "IST"), ("Kochi, Kerala", "IST"), ("Gurgaon", "IST")]),
    "US": dict(w=12, f=["Emily", "Madison", "Ashley", "Megan", "Rachel", "Lauren", "Samantha", "Danielle", "Jasmine", "Brianna", "Kelsey", "Alyssa"],
               m=["Jacob", "Tyler", "Brandon", "Kevin", "Justin", "Ryan", "Kyle", "Marcus", "Andre", "Cody", "Derek", "Trevor"],
               last=["Johnson", "Miller", "Davis", "Anderson", "Thompson", "Robinson", "Walker", "Bennett", "Coleman", "Brooks", "Foster", "Reed", "Sullivan", "Price", "Hayes", "Jenkins", "Perry", "Russell", "Holloway", "Whitaker"],
               loc=[("Austin, TX", "CT"), ("NYC", "ET"), ("Seattle", "PT"), ("San Francisco Bay Area", "PT"), ("Chicago, IL", "CT"), ("Boston", "ET"), ("Denver, CO", "MT"), ("New York", "ET"), ("Atlanta, GA", "ET"), ("Portland, OR", "PT"), ("Raleigh-Durham", "ET"), ("Remote (US)", "ET")]),
    "Germany": dict(w=7, f=["Anna", "Lena", "Katharina", "Sophie", "Julia", "Laura", "Hannah", "Johanna", "Miriam", "Franziska"],
                    m=["Lukas", "Jonas", "Felix", "Maximilian", "Tobias", "Florian", "Niklas", "Moritz", "Sebastian", "Jannik"],
                    last=["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Neumann", "Zimmermann", "Krüger", "Hartmann", "Lange", "Brandt"],
                    loc=[("Berlin", "CET"), ("Berlin, Germany", "CET"), ("Munich", "CET"), ("Hamburg, DE", "CET"), ("Köln", "CET"), ("Frankfurt am Main", "CET"), ("Leipzig", "CET"), ("berlin", "CET")]),
    "UK": dict(w=6, f=["Charlotte", "Amelia", "Isla", "Freya", "Poppy", "Imogen", "Eleanor", "Zoë", "Harriet", "Niamh"],
               m=["Oliver", "Harry", "George", "Jack", "Alfie", "Tom", "Callum", "Rhys", "Ewan", "Joe"],
               last=["Taylor", "Evans", "Roberts", "Wright", "Green", "Hall", "Wood", "Harris", "Clarke", "Turner", "Parker", "Ward", "Cooper", "Atkinson", "Pemberton", "Ashworth", "Fletcher"],
               loc=[("London UK", "UK"), ("London", "UK"), ("Manchester, UK", "UK"), ("Edinburgh", "UK"), ("Bristol", "UK"), ("Leeds", "UK"), ("Cambridge, UK", "UK")]),
    "Nigeria": dict(w=6, f=["Adaeze", "Temitope", "Ngozi", "Funmilayo", "Kemi", "Chiamaka", "Yetunde", "Amaka", "Ifeoma", "Bukola"],
                    m=["Chinedu", "Oluwaseun", "Ifeanyi", "Babajide", "Emeka", "Tunde", "Obinna", "Segun", "Kelechi", "Damilola"],
                    last=["Okafor", "Adeyemi", "Eze", "Balogun", "Nwosu", "Okonkwo", "Adebayo", "Ogunleye", "Bello", "Chukwu", "Afolabi", "Oladipo", "Okeke", "Olatunji", "Nwachukwu"],
                    loc=[("Lagos, Nigeria", "WAT"), ("Lagos", "WAT"), ("Abuja", "WAT"), ("Ibadan, Nigeria", "WAT"), ("Port Harcourt", "WAT"), ("lagos", "WAT")]),
    "Brazil": dict(w=6, f=["Mariana", "Camila", "Beatriz", "Larissa", "Fernanda", "Juliana", "Letícia", "Aline", "Gabriela", "Thaís"],
                   m=["Lucas", "Gabriel", "Rafael", "Thiago", "João", "Felipe", "Gustavo", "Bruno", "Vinícius", "Rodrigo"],
                   last=["Silva", "Souza", "Oliveira", "Costa", "Pereira", "Almeida", "Ferreira", "Carvalho", "Gomes", "Ribeiro", "Barbosa", "Araújo", "Moreira", "Teixeira", "Nascimento", "Cardoso"],
                   loc=[("São Paulo", "BRT"), ("Sao Paulo, Brazil", "BRT"), ("Rio de Janeiro", "BRT"), ("Florianópolis", "BRT"), ("Belo Horizonte, BR", "BRT"), ("Curitiba", "BRT"), ("Recife", "BRT")]),
    "Poland": dict(w=4, f=["Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Aleksandra", "Natalia", "Zuzanna", "Marta"],
                   m=["Łukasz", "Piotr", "Tomasz", "Michał", "Paweł", "Krzysztof", "Jakub", "Bartosz"],
                   last=[("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk")],
                   loc=[("Kraków, Poland", "CET"), ("Warsaw", "CET"), ("Wrocław", "CET"), ("Gdansk, PL", "CET"), ("Poznań", "CET"), ("Krakow", "CET")]),
    "Canada": dict(w=4, f=["Maya", "Olivia", "Avery", "Gabrielle", "Émilie", "Chloé", "Megan", "Sarah"],
                   m=["Liam", "Ethan", "Noah", "Owen", "Logan", "Mathieu", "Connor", "Samuel"],
                   last=["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "MacDonald", "Campbell", "Leblanc", "Fraser", "Bélanger", "McKenzie"],
                   loc=[("Toronto", "ET"), ("Montreal", "ET"), ("Vancouver, BC", "PT"), ("Waterloo, ON", "ET"), ("Ottawa", "ET"), ("Calgary", "MT"), ("Toronto, Canada", "ET")]),
    "Kenya": dict(w=3, f=["Faith", "Mercy", "Wanjiru", "Akinyi", "Njeri", "Achieng", "Wambui", "Nafula"],
                  m=["Brian", "Dennis", "Collins", "Victor", "Ian", "Kibet", "Kevin", "Felix"],
                  last=["Kamau", "Otieno", "Mwangi", "Ochieng", "Kariuki", "Njoroge", "Wafula", "Kiprop", "Odhiambo", "Mutua", "Cheruiyot", "Omondi"],
                  loc=[("Nairobi", "EAT"), ("Nairobi, Kenya", "EAT"), ("Mombasa", "EAT"), ("Kisumu", "EAT")]),
    "Netherlands": dict(w=3, f=["Sanne", "Fleur", "Lotte", "Eva", "Iris", "Marloes", "Zoë", "Femke"],
                        m=["Daan", "Bram", "Thijs", "Sem", "Ruben", "Jeroen", "Joris", "Wouter"],
                        last=["de Vries", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "de Boer", "Mulder", "de Groot", "Bos", "Hendriks", "van Leeuwen", "Dekker"],
                        loc=[("Amsterdam", "CET"), ("Rotterdam", "CET"), ("Utrecht, NL", "CET"), ("Eindhoven", "CET"), ("Amsterdam, Netherlands", "CET"), ("The Hague", "CET")]),
    "Spain": dict(w=3, f=["Lucía", "Carmen", "Marta", "Elena", "Irene", "Nuria", "Cristina", "Paula"],
                  m=["José", "Javier", "Alejandro", "Pablo", "Sergio", "Álvaro", "David", "Iñaki"],
                  last=["García", "Fernández", "López", "Martín", "Sánchez", "Navarro", "Torres", "Domínguez", "Gil", "Vázquez", "Ortega", "Rubio", "Molina", "Castillo", "Iglesias"],
                  loc=[("Madrid", "CET"), ("Barcelona", "CET"), ("Valencia, Spain", "CET"), ("Sevilla", "CET"), ("Bilbao", "CET"), ("Madrid, Spain", "CET")]),
    "France": dict(w=3, f=["Camille", "Manon", "Léa", "Chloé", "Inès", "Margaux", "Élodie", "Pauline"],
                   m=["Louis", "Hugo", "Théo", "Antoine", "Julien", "Mathis", "Quentin", "Baptiste"],
                   last=["Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Girard", "Roux", "Fournier", "Mercier", "Bonnet", "Lambert", "Fontaine", "Chevalier"],
                   loc=[("Paris", "CET"), ("Lyon", "CET"), ("Paris, France", "CET"), ("Toulouse", "CET"), ("Nantes", "CET"), ("Grenoble", "CET")]),
    "Mexico": dict(w=3, f=["Valeria", "Ximena", "Daniela", "Fernanda", "Renata", "Sofía", "Mariana", "Regina"],
                   m=["Diego", "Luis", "Carlos", "Jorge", "Emiliano", "Andrés", "Rodrigo", "Héctor"],
                   last=["Hernández", "Ramírez", "Flores", "Morales", "Reyes", "Cruz", "Mendoza", "Gutiérrez", "Aguilar", "Vargas", "Jiménez", "Castro", "Medina", "Zavala"],
                   loc=[("Mexico City", "CST-MX"), ("CDMX", "CST-MX"), ("Guadalajara, MX", "CST-MX"), ("Monterrey", "CST-MX"), ("Querétaro", "CST-MX")]),
    "Ukraine": dict(w=3, f=["Olena", "Iryna", "Yulia", "Kateryna", "Oksana", "Sofiia", "Anastasiia", "Halyna"],
                    m=["Oleksandr", "Dmytro", "Andriy", "Serhiy", "Maksym", "Taras", "Bohdan", "Yaroslav"],
                    last=["Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Oliynyk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz", "Polishchuk", "Kovalchuk"],
                    loc=[("Kyiv", "EET"), ("Lviv, Ukraine", "EET"), ("Kyiv (currently in Warsaw)", "CET"), ("Kharkiv", "EET"), ("Odesa", "EET")]),
    "Argentina": dict(w=3, f=["Sofía", "Valentina", "Camila", "Lucía", "Agustina", "Florencia", "Micaela", "Julieta"],
                      m=["Martín", "Santiago", "Mateo", "Nicolás", "Facundo", "Tomás", "Joaquín", "Gonzalo"],
                      last=["González", "Rodríguez", "Fernández", "Pérez", "Gómez", "Díaz", "Romero", "Sosa", "Álvarez", "Ruiz", "Benítez", "Acosta", "Herrera", "Giménez"],
                      loc=[("Buenos Aires", "ART"), ("Córdoba, Argentina", "ART"), ("BA, Argentina", "ART"), ("Rosario", "ART"), ("Mendoza, AR", "ART")]),
    "Egypt": dict(w=2, f=["Mariam", "Nour", "Salma", "Yasmin", "Habiba", "Aya", "Rana"],
                  m=["Ahmed", "Omar", "Youssef", "Karim", "Mostafa", "Mahmoud", "Hossam"],
                  last=["Hassan", "Ibrahim", "El-Sayed", "Abdelrahman", "Farouk", "Saleh", "Fathy", "Kamal", "Shawky", "Abdelaziz"],
                  loc=[("Cairo", "EET"), ("Cairo, Egypt", "EET"), ("Alexandria", "EET"), ("Giza", "EET")]),
    "Indonesia": dict(w=2, f=["Sari", "Dewi", "Putri", "Indah", "Ayu", "Rina", "Anisa"],
                      m=["Budi", "Agus", "Rizky", "Adi", "Fajar", "Dimas", "Yusuf"],
                      last=["Santoso", "Wijaya", "Pratama", "Saputra", "Hidayat", "Kusuma", "Nugroho", "Setiawan", "Lestari", "Siregar", "Gunawan"],
                      loc=[("Jakarta", "ICT"), ("Bandung, Indonesia", "ICT"), ("Jakarta, ID", "ICT"), ("Yogyakarta", "ICT"), ("Surabaya", "ICT")]),
    "Vietnam": dict(w=2, f=["Linh", "Trang", "Thao", "Hoa", "Mai", "Phuong", "Ngoc"],
                    m=["Minh", "Huy", "Quang", "Duc", "Tuan", "Khanh", "Long"],
                    last=["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
                    loc=[("Ho Chi Minh City", "ICT"), ("Hanoi, Vietnam", "ICT"), ("HCMC", "ICT"), ("Da Nang", "ICT"), ("Saigon", "ICT")]),
    "Japan": dict(w=2, f=["Yui", "Aoi", "Hina", "Sakura", "Yuki", "Misaki", "Haruka"],
                  m=["Haruto", "Sota", "Ren", "Takumi", "Kenji", "Daiki", "Shota"],
                  last=["Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Sasaki", "Matsumoto", "Inoue"],
                  loc=[("Tokyo", "JST"), ("Tokyo, Japan", "JST"), ("Osaka", "JST"), ("Fukuoka", "JST"), ("Kyoto", "JST")]),
    "Italy": dict(w=2, f=["Giulia", "Chiara", "Francesca", "Martina", "Alessia", "Sara"],
                  m=["Marco", "Luca", "Matteo", "Andrea", "Davide", "Simone"],
                  last=["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Conti"],
                  loc=[("Milan", "CET"), ("Milano, Italy", "CET"), ("Turin", "CET"), ("Bologna", "CET"), ("Rome", "CET")]),
    "Pakistan": dict(w=2, f=["Ayesha", "Fatima", "Hira", "Sana", "Maham", "Zainab"],
                     m=["Ali", "Hamza", "Usman", "Bilal", "Faisal", "Saad"],
                     last=["Khan", "Ahmed", "Qureshi", "Malik", "Siddiqui", "Chaudhry", "Butt", "Sheikh", "Raza", "Javed"],
                     loc=[("Lahore", "PKT"), ("Karachi, Pakistan", "PKT"), ("Islamabad", "PKT")]),
    "Philippines": dict(w=2, f=["Angelica", "Kristine", "Patricia", "Camille", "Bea", "Jasmine"],
                        m=["Joshua", "Paolo", "Miguel", "Carlo", "Rafael", "Mark"],
                        last=["Santos", "Reyes", "Dela Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Ramos", "Aquino", "Tolentino"],
                        loc=[("Manila", "PHT"), ("Cebu", "PHT"), ("Quezon City, PH", "PHT"), ("Makati", "PHT")]),
    "Turkey": dict(w=2, f=["Elif", "Zeynep", "Ayşe", "Merve", "Ece", "Selin"],
                   m=["Emre", "Burak", "Mehmet", "Can", "Oğuz", "Kerem"],
                   last=["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"],
                   loc=[("Istanbul", "TRT"), ("Ankara", "TRT"), ("Izmir, Türkiye", "TRT"), ("İstanbul", "TRT")]),
    "South Africa": dict(w=2, f=["Thandiwe", "Lerato", "Naledi", "Zanele", "Anke", "Megan"],
                         m=["Sipho", "Thabo", "Lwazi", "Pieter", "Kagiso", "Ruan"],
                         last=["Nkosi", "Dlamini", "Ndlovu", "Mokoena", "Botha", "van der Merwe", "Khumalo", "Naidoo", "Pretorius", "Mahlangu"],
                         loc=[("Cape Town", "SAST"), ("Johannesburg", "SAST"), ("Joburg, SA", "SAST"), ("Durban", "SAST")]),
    "Ghana": dict(w=2, f=["Abena", "Akosua", "Efua", "Adwoa", "Esi", "Ama"],
                  m=["Kwame", "Kofi", "Yaw", "Kwabena", "Kojo", "Nana"],
                  last=["Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Amoah", "Darko", "Quaye"],
                  loc=[("Accra", "WAT"), ("Accra, Ghana", "WAT"), ("Kumasi", "WAT")]),
    "Colombia": dict(w=2, f=["Laura", "Natalia", "Manuela", "Isabella", "Paola", "Catalina"],
                     m=["Sebastián", "Juan Pablo", "Alejandro", "Felipe", "Camilo", "Esteban"],
                     last=["Restrepo", "Ospina", "Cárdenas", "Londoño", "Vélez", "Muñoz", "Rojas", "Salazar", "Quintero", "Arango"],
                     loc=[("Bogotá", "COT"), ("Medellín, Colombia", "COT"), ("Medellin", "COT"), ("Cali", "COT")]),
    "Portugal": dict(w=2, f=["Inês", "Mariana", "Rita", "Beatriz", "Joana", "Catarina"],
                     m=["Tiago", "Diogo", "Rui", "Miguel", "Nuno", "Duarte"],
                     last=["Ferreira", "Santos", "Pereira", "Costa", "Rodrigues", "Martins", "Sousa", "Fonseca", "Lopes", "Marques"],
                     loc=[("Lisbon", "UK"), ("Porto", "UK"), ("Lisboa, Portugal", "UK"), ("Braga", "UK")]),
    "Sweden": dict(w=1, f=["Elin", "Maja", "Ebba", "Linnea", "Saga"],
                   m=["Erik", "Oskar", "Viktor", "Axel", "Björn"],
                   last=["Lindqvist", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Lindgren", "Holmberg", "Sandberg", "Bergström"],
                   loc=[("Stockholm", "CET"), ("Gothenburg", "CET"), ("Malmö", "CET")]),
    "China": dict(w=2, f=["Xiaoyu", "Mei", "Jing", "Yanan", "Wenjing", "Ruoxi"],
                  m=["Wei", "Hao", "Jun", "Zhiwei", "Yifan", "Chen"],
                  last=["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"],
                  loc=[("Shanghai", "CST-CN"), ("Shenzhen", "CST-CN"), ("Hangzhou, China", "CST-CN"), ("Beijing", "CST-CN")]),
    "South Korea": dict(w=1, f=["Jiwoo", "Seoyeon", "Minji", "Hayoon", "Eunji"],
                        m=["Minjun", "Jihoon", "Hyunwoo", "Dohyun", "Seungho"],
                        last=["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"],
                        loc=[("Seoul", "KST"), ("Seoul, Korea", "KST"), ("Pangyo", "KST")]),
    "Australia": dict(w=2, f=["Chloe", "Matilda", "Ruby", "Georgia", "Tahlia", "Jess"],
                      m=["Lachlan", "Mitchell", "Jack", "Hamish", "Riley", "Cooper"],
                      last=["Nguyen", "Smith", "Kelly", "O'Brien", "Murphy", "Mitchell", "Campbell", "Byrne", "McLeod", "Hutchinson"],
                      loc=[("Sydney", "AEST"), ("Melbourne", "AEST"), ("Brisbane, AU", "AEST"), ("Sydney, Australia", "AEST")]),
}

# Some people live far from where their name comes from: typed as hubs.
HUB_LOCATIONS = [
    ("Berlin", "CET"), ("Berlin, Germany", "CET"), ("London", "UK"), ("London UK", "UK"), ("Amsterdam", "CET"),
    ("Toronto", "ET"), ("San Francisco Bay Area", "PT"), ("NYC", "ET"), ("Seattle", "PT"), ("Remote", None),
    ("Dubai", "GST"), ("Singapore", "SGT"), ("Munich", "CET"), ("Dublin, Ireland", "UK"), ("Zurich", "CET"),
    ("Lisbon", "UK"), ("Remote — mostly Europe", "CET"), ("Barcelona", "CET"), ("Paris", "CET"), ("Austin, TX", "CT"),
    ("Stockholm", "CET"), ("digital nomad atm (Bali)", "ICT"),
]

TZ_REGION = {
    "CET": "emea", "UK": "emea", "EET": "emea", "WAT": "emea", "EAT": "emea", "SAST": "emea", "TRT": "emea", "GST": "emea",
    "IST": "south_asia", "PKT": "south_asia",
    "ET": "americas", "CT": "americas", "MT": "americas", "PT": "americas", "BRT": "americas", "ART": "americas",
    "CST-MX": "americas", "COT": "americas",
    "ICT": "apac", "PHT": "apac", "SGT": "apac", "CST-CN": "apac", "JST": "apac", "KST": "apac", "AEST": "apac",
}
SPANISH = {"Spain", "Mexico", "Argentina", "Colombia"}

# Names never to emit (public figures a random combination could produce).
NAME_BLOCKLIST = {"Harry Kane", "Andriy Shevchenko", "Lucas Silva", "Kevin Hart", "Ryan Reed"}

# =====================================================================================
# Companies (invented; the domain is the email domain of people who use a work address)
# =====================================================================================

COMPANIES: dict[str, str] = {
    "Brindle Pay": "brindlepay.com", "Kestrel Vision": "kestrelvision.ai", "Tunebox": "tunebox.fm",
    "Cartwheel Commerce": "cartwheelcommerce.com", "Forkful": "forkful.app", "Parley AI": "parleyai.io",
    "Ticketfold": "ticketfold.io", "Loomstack": "loomstack.dev", "Ledgerlens": "ledgerlens.io",
    "Shelfsight": "shelfsight.ai", "Harbor Mutual Bank": "harbormutualbank.com", "Coinstead": "coinstead.co",
    "Oakvale Health": "oakvalehealth.com", "Afyabridge": "afyabridge.com", "Clinicraft": "clinicraft.io",
    "Parcelwren": "parcelwren.com", "Quillmart": "quillmart.com", "Wanderbay": "wanderbay.com",
    "Lumenhaul": "lumenhaul.com", "Tessellate Labs": "tessellatelabs.io", "Gridline Energy": "gridline-energy.com",
    "Bluefinch Insurance": "bluefinch-insurance.com", "Lexigrove": "lexigrove.ai", "Polyloom": "polyloom.ai",
    "Basketry": "basketry.co", "Sunfallow": "sunfallow.com", "Tidewren Logistics": "tidewren.com",
    "Pocketmote": "pocketmote.io", "Wattling": "wattling.io", "Gantrywise Robotics": "gantrywise.com",
    "Furrowbot": "furrowbot.ai", "Fitquill": "fitquill.app", "Lanternly": "lanternly.com",
    "Jobquarry": "jobquarry.com", "Findlark": "findlark.io", "Mossgate Games": "mossgate.games",
    "Vellum & Vane": "vellumvane.com", "Quietbyte": "quietbyte.dev", "Orchard Telecom": "orchardtel.com",
}

# =====================================================================================
# Domains: the backbone of each persona's text
# =====================================================================================
# label: long name; short: terse form; team: "<team> team"; tools; topics (noun phrases);
# acts: gerund phrases ("building ..."); takes: opinions; wants: buddy wishes; orgs: employers
# (invented names or generic phrases); side: student side projects; pitch: founder pitches.

DOMAINS: dict[str, dict] = {
    "recsys": dict(
        label="recommender systems", short="recsys", team="recommendations",
        tools=["PyTorch", "TensorFlow", "Feast", "Spark", "Airflow", "Redis", "Faiss", "BigQuery", "Kafka", "LightGBM", "Vertex AI", "TorchRec"],
        topics=["ranking models", "candidate retrieval", "two-tower models", "feature stores", "online A/B testing", "embedding-based retrieval", "learning to rank", "real-time personalization"],
        acts=["building two-tower retrieval models{ for a music streaming app}",
              "working on home-feed ranking{ for an e-commerce marketplace}",
              "trying to get our recommendation models retrained daily instead of monthly",
              "owning the candidate generation and re-ranking pipeline{ for a news app}",
              "moving our recommender from nightly batch scores to real-time features",
              "running way too many A/B tests on product recommendations",
              "building personalization{ for a food delivery app}",
              "maintaining the feature store that feeds our recommender",
              "rewriting a six-year-old collaborative filtering job in Spark",
              "working on cold-start recommendations for brand new users",
              "tuning the 'you might also like' carousel that pays my salary"],
        takes=["Strong opinion: offline metrics lie, online tests don't",
               "Still think a well-tuned LightGBM ranker beats most fancy deep recommenders",
               "Convinced most recsys problems are secretly data freshness problems",
               "Popularity baselines are embarrassingly hard to beat"],
        wants=["someone else working on recommendations, would love to compare ranking setups",
               "another recsys person to nerd out about feature freshness and online eval",
               "someone who has run a real-time feature store in production",
               "someone who has fought position bias in ranking and won"],
        orgs=["Tunebox", "Cartwheel Commerce", "Forkful", "Quillmart", "an e-commerce marketplace", "a streaming startup", "a news app", "a big retailer"],
        side=["built a movie recommender that only recommends horror films (bug or feature?)",
              "made a book recommender for my uni library as a side project",
              "did the recsys course on Coursera and now I see embeddings everywhere"],
        pitch=["a personalization API for small online shops", "recommendations-as-a-service for independent bookstores"]),
    "llm": dict(
        label="LLMs in production", short="LLM ops", team="applied LLM",
        tools=["vLLM", "LangChain", "LlamaIndex", "Ray", "Kubernetes", "Triton", "Hugging Face", "OpenAI API", "pgvector", "Weights & Biases", "FastAPI", "Docker"],
        topics=["LLM serving", "RAG pipelines", "LLM evaluation", "GPU inference optimization", "guardrails", "fine-tuning with LoRA", "vector databases", "LLM observability"],
        acts=["deploying open-source LLMs on our own GPUs with vLLM",
              "building a RAG assistant over ten years of messy internal docs",
              "figuring out how to evaluate LLM outputs without vibes",
              "running an internal LLM gateway that about 40 teams hit",
              "fine-tuning small models with LoRA because the big ones are too expensive",
              "shipping an LLM-powered support bot that actually has to be right",
              "trying to cut our LLM inference bill in half (30% so far)",
              "building eval harnesses and guardrails for a customer-facing chatbot",
              "wrangling prompt versions, evals and tracing for our LLM features",
              "migrating from a hosted LLM API to self-hosted models for data privacy reasons",
              "building agents that mostly call the same three tools in a loop",
              "building a semantic cache in front of our LLM calls",
              "red-teaming our chatbot before legal does it for us",
              "running batch LLM jobs to classify millions of support tickets"],
        takes=["RAG is 80% a search problem and 20% LLM",
               "Hot take: most LLM apps need better evals, not bigger models",
               "I have read more LangChain stack traces than novels this year",
               "Prompt engineering is just software engineering with worse tooling"],
        wants=["someone also deploying LLMs to prod to swap war stories",
               "someone who has built LLM evals the business actually trusts",
               "a person running GPUs on Kubernetes, I have questions",
               "someone who has taken a RAG prototype all the way to production"],
        orgs=["Parley AI", "Ticketfold", "Loomstack", "Lexigrove", "a legal-tech startup", "a customer-support SaaS", "an insurance company", "a consulting firm"],
        side=["built a RAG chatbot over my university's course catalogue",
              "fine-tuned a small LLM on my group chat (never again)",
              "made a Discord bot that summarises our study group's notes"],
        pitch=["an eval and monitoring platform for LLM apps", "a RAG assistant for accountants", "private LLM deployments for hospitals and law firms"]),
    "cv": dict(
        label="computer vision", short="computer vision", team="computer vision",
        tools=["PyTorch", "OpenCV", "YOLO", "ONNX", "TensorRT", "Label Studio", "MLflow", "Docker", "CUDA", "albumentations", "DVC"],
        topics=["object detection", "image segmentation", "data labeling pipelines", "model quantization", "video analytics", "OCR"],
        acts=["training defect-detection models{ for a manufacturing line}",
              "doing satellite image segmentation for crop monitoring",
              "building OCR for messy scanned invoices",
              "working on video analytics{ for retail stores} (mostly counting people)",
              "running a labeling pipeline that produces 50k annotated images a week",
              "getting detection models to run in real time on cheap cameras",
              "doing document understanding: forms, receipts, IDs",
              "fighting dataset drift every time a customer installs new cameras",
              "building shelf-monitoring models{ for supermarkets}"],
        takes=["Data labeling is the real model architecture",
               "I still like classical computer vision more than I admit",
               "90% of my accuracy gains came from fixing labels"],
        wants=["another computer vision person, especially if you deal with labeling at scale",
               "someone who has put vision models on edge devices",
               "someone who has built a good active-learning loop for images"],
        orgs=["Kestrel Vision", "Shelfsight", "Ledgerlens", "Furrowbot", "an agritech startup", "a manufacturing company", "a retail analytics company"],
        side=["made a bird detector for my balcony camera",
              "built a plant disease classifier from photos of my mum's garden",
              "trained a YOLO model to count cars outside my dorm"],
        pitch=["visual quality inspection for small factories", "computer vision for crop monitoring from cheap drones"]),
    "fraud": dict(
        label="fraud and risk modelling", short="fraud/risk", team="fraud & risk ML",
        tools=["XGBoost", "LightGBM", "Spark", "Kafka", "Flink", "SQL", "Snowflake", "SageMaker", "Feast", "Neo4j", "SHAP"],
        topics=["fraud detection", "anomaly detection", "graph features", "real-time scoring", "model explainability", "credit risk"],
        acts=["building real-time fraud scoring for card payments",
              "catching fraudsters{ in a mobile money app}",
              "working on credit risk models for small business loans",
              "detecting account takeovers with graph features",
              "making our fraud models explainable enough for the compliance team",
              "maintaining about 200 fraud rules and slowly replacing them with models",
              "doing anti-money-laundering analytics{ at a bank}",
              "building chargeback prediction{ for an online marketplace}"],
        takes=["Fraud is adversarial, so every model is already out of date",
               "Class imbalance is my whole personality now",
               "Explainability is a feature, not a compliance checkbox"],
        wants=["someone in fintech or payments to compare notes on real-time features",
               "someone who has dealt with model risk management and regulators",
               "anyone fighting fraud, I'd love to hear how you label your data"],
        orgs=["Brindle Pay", "Coinstead", "Harbor Mutual Bank", "Bluefinch Insurance", "a fintech startup", "a mobile money company", "a neobank", "a big bank"],
        side=["got top 10% in a Kaggle fraud competition",
              "built an anomaly detector for my own bank statements (found my gym membership)"],
        pitch=["fraud tooling for small e-commerce shops", "credit scoring for informal businesses using mobile money data"]),
    "health": dict(
        label="healthcare ML", short="health ML", team="clinical ML",
        tools=["Python", "PyTorch", "scikit-learn", "FHIR", "MONAI", "Azure ML", "R", "spaCy", "Databricks", "lifelines"],
        topics=["clinical NLP", "medical imaging", "survival analysis", "privacy-preserving ML", "patient risk models", "federated learning"],
        acts=["building readmission risk models{ for a hospital network}",
              "doing clinical NLP on doctors' notes (the handwriting of data)",
              "working on medical imaging models that need regulatory approval",
              "analysing wearable data to predict health events",
              "building ML for telemedicine{ in emerging markets}",
              "trying to get a sepsis model through clinical validation",
              "working on drug discovery pipelines with a tiny team",
              "modelling patient no-shows so clinics can overbook smarter"],
        takes=["In healthcare the hard part is never the model",
               "Most clinical data is missing not at random, and that keeps me up at night",
               "Regulated ML is slow, and honestly that's a good thing"],
        wants=["someone else in healthcare ML, regulated environments especially",
               "someone who has taken a model through clinical validation",
               "a person who works with FHIR data and survived"],
        orgs=["Oakvale Health", "Afyabridge", "Clinicraft", "a healthtech startup", "a hospital network", "a pharma company", "a health insurer"],
        side=["doing medical imaging Kaggle competitions",
              "volunteering on a malaria microscopy dataset"],
        pitch=["an AI triage assistant for clinics in West Africa", "remote patient monitoring with wearables"]),
    "data": dict(
        label="data engineering", short="data platforms", team="data platform",
        tools=["Airflow", "dbt", "Spark", "Snowflake", "BigQuery", "Databricks", "Kafka", "Terraform", "Dagster", "Delta Lake", "Trino", "Fivetran", "Postgres"],
        topics=["data modeling", "batch and streaming pipelines", "data quality", "lakehouse architecture", "data contracts", "orchestration"],
        acts=["building the data platform{ at a logistics company}",
              "migrating a pile of cron jobs to Airflow (send help)",
              "moving our warehouse to Snowflake without breaking 400 dashboards",
              "running dbt for ~300 models and a small army of analysts",
              "setting up data contracts so upstream teams stop breaking things",
              "building streaming pipelines with Kafka and Flink",
              "designing a lakehouse on Databricks for our ML teams",
              "owning data quality checks and the on-call rotation for our pipelines",
              "making training data reproducible for the ML team",
              "cutting our BigQuery bill, one partition at a time",
              "replacing a 2,000-line stored procedure with dbt models",
              "building CDC pipelines from Postgres into the lake",
              "writing the data quality tests nobody wanted to write"],
        takes=["Every data problem is a people problem in disguise",
               "dbt tests saved my career",
               "Nobody ever got promoted for a pipeline that just works, and that's a problem"],
        wants=["a more senior person in data engineering who can give career advice",
               "another data engineer to compare stacks with",
               "someone who has rolled out data contracts across a company",
               "someone running Airflow at scale, I want to hear the horror stories"],
        orgs=["Parcelwren", "Lumenhaul", "Tidewren Logistics", "Wanderbay", "Orchard Telecom", "a logistics company", "a telco", "a mid-size retailer"],
        side=["built a small pipeline with Airflow and Postgres for my uni's football club stats"],
        pitch=["a data-contract tool for analytics teams", "a managed lakehouse for small companies"]),
    "mlops": dict(
        label="MLOps and ML platforms", short="ML infra", team="ML platform",
        tools=["Kubernetes", "Kubeflow", "MLflow", "Terraform", "Argo", "Ray", "Docker", "Helm", "Prometheus", "Seldon", "BentoML", "GitHub Actions", "AWS", "GCP", "Feast"],
        topics=["model serving", "ML platform design", "CI/CD for ML", "feature stores", "model monitoring", "infrastructure as code"],
        acts=["building the internal ML platform so data scientists can ship without filing tickets",
              "running Kubeflow pipelines for about 20 data scientists",
              "setting up model monitoring and drift alerts that people don't mute",
              "migrating all our model serving to Kubernetes",
              "building CI/CD for models: training, validation, deploy, rollback",
              "standardising experiment tracking on MLflow across teams",
              "maintaining a Ray cluster that everyone loves until it OOMs",
              "turning notebooks into production pipelines for a living",
              "writing Terraform for GPU node pools all day",
              "building a feature store nobody asked for but everyone now uses",
              "moving model training from cron jobs to proper pipelines with Argo",
              "running GPU cost reviews every month because finance asked nicely",
              "setting up shadow deployments and canaries for models",
              "building golden-path templates so a new model goes from repo to endpoint in a day"],
        takes=["The best ML platform is the one people actually use",
               "Most MLOps is just good software engineering with extra steps",
               "Kubernetes is fine, actually",
               "Build vs buy is the only architecture question that matters"],
        wants=["someone building an internal ML platform, want to compare build vs buy",
               "a platform person who has scaled beyond one team",
               "someone who has made model monitoring actually useful",
               "anyone who has migrated off a homegrown serving stack"],
        orgs=["Loomstack", "Tessellate Labs", "Quietbyte", "Gridline Energy", "Bluefinch Insurance", "a SaaS company", "an adtech company", "a big bank"],
        side=["deploying my models with Docker and FastAPI to learn MLOps",
              "set up MLflow on a Raspberry Pi cluster, for reasons"],
        pitch=["a GPU scheduling tool for ML teams", "an open-source model registry", "cheaper model serving for startups"]),
    "nlp": dict(
        label="NLP", short="NLP", team="NLP",
        tools=["Hugging Face", "spaCy", "PyTorch", "transformers", "sentence-transformers", "Elasticsearch", "fastText", "Weights & Biases"],
        topics=["text classification", "named entity recognition", "multilingual NLP", "information extraction", "low-resource languages", "speech recognition"],
        acts=["working on NLP for low-resource African languages",
              "building ticket classifiers that work in nine languages",
              "extracting entities and clauses from legal contracts",
              "doing sentiment analysis for Portuguese-speaking markets",
              "researching multilingual sentence embeddings",
              "building speech-to-text plus NLP{ for call centers}",
              "working on machine translation quality estimation",
              "cleaning up a huge mess of survey free text, ironically"],
        takes=["Tokenizers are where bugs go to hide",
               "People forget NLP existed before chatbots",
               "Good annotation guidelines beat a bigger model"],
        wants=["someone working on multilingual or low-resource NLP",
               "an NLP person who moved from research to industry",
               "someone who cares about evaluation data as much as models"],
        orgs=["Lexigrove", "Polyloom", "Vellum & Vane", "a legal-tech startup", "a call-center software company", "a translation agency", "a research lab"],
        side=["fine-tuned a model to classify Yoruba news headlines",
              "built a Swahili spell checker for a class project",
              "scraped song lyrics to do topic modelling (don't ask)"],
        pitch=["translation and transcription for African languages", "contract review for small law firms"]),
    "forecast": dict(
        label="forecasting and time series", short="forecasting", team="forecasting",
        tools=["statsmodels", "Prophet", "LightGBM", "Darts", "SQL", "BigQuery", "Airflow", "pandas", "Databricks", "PyMC"],
        topics=["time series forecasting", "demand planning", "causal inference", "hierarchical forecasting", "energy load forecasting", "pricing models"],
        acts=["forecasting demand for ~40k SKUs{ at a grocery chain}",
              "building energy load forecasts{ for a grid operator}",
              "doing pricing and demand models{ for a ride-hailing app}",
              "forecasting call-center volume so people can plan shifts",
              "working on supply-chain forecasts that survived 2020 (barely)",
              "building solar and wind production forecasts",
              "doing causal inference on pricing experiments",
              "forecasting hospital bed occupancy",
              "building probabilistic forecasts so planners stop asking for 'one number'"],
        takes=["A good baseline beats a fancy model more often than people think",
               "Seasonal naive is undefeated",
               "Every forecast is wrong, the question is how useful the error bars are"],
        wants=["someone else doing time series in production",
               "someone working in energy or climate",
               "someone who does causal inference in a business setting"],
        orgs=["Gridline Energy", "Sunfallow", "Basketry", "Tidewren Logistics", "a grocery chain", "a ride-hailing company", "an energy utility"],
        side=["forecasting bike-share demand in my city for fun",
              "analysing 20 years of rainfall data for my thesis"],
        pitch=["demand forecasting for independent restaurants", "forecasting for small solar farms"]),
    "edge": dict(
        label="edge and on-device ML", short="edge ML", team="on-device ML",
        tools=["TensorFlow Lite", "ONNX Runtime", "C++", "TensorRT", "Core ML", "Rust", "Jetson", "OpenVINO", "Android", "CMake"],
        topics=["on-device inference", "model compression", "quantization", "embedded systems", "TinyML"],
        acts=["squeezing models onto microcontrollers (TinyML)",
              "running on-device models in a mobile app with 50M installs",
              "quantizing everything to int8 and praying",
              "building smart-camera firmware with ML on Jetson boards",
              "working on keyword spotting for wearables",
              "deploying models to thousands of edge devices with flaky connectivity"],
        takes=["Every millisecond and every kilobyte counts",
               "The cloud is just someone else's edge device",
               "Profilers are the most underrated ML tool"],
        wants=["someone doing on-device ML, would love to talk model compression",
               "anyone shipping models to phones or microcontrollers",
               "someone who writes C++ and Python and hates both equally"],
        orgs=["Pocketmote", "Wattling", "Kestrel Vision", "an IoT company", "a consumer electronics company", "a wearables startup"],
        side=["running a tiny keyword-spotting model on an ESP32",
              "built a gesture-controlled lamp with a microcontroller"],
        pitch=["a TinyML dev kit for hardware startups", "offline speech recognition for low-cost phones"]),
    "robotics": dict(
        label="robotics", short="robotics", team="perception",
        tools=["ROS 2", "PyTorch", "C++", "Isaac Sim", "OpenCV", "MuJoCo", "Python", "CUDA"],
        topics=["reinforcement learning", "robot perception", "sim-to-real transfer", "SLAM", "motion planning"],
        acts=["doing perception{ for warehouse robots}",
              "working on sim-to-real transfer for robotic arms",
              "building the autonomy stack{ for agricultural drones}",
              "researching reinforcement learning for manipulation",
              "working on SLAM{ for indoor delivery robots}"],
        takes=["Robots are humbling",
               "The sim-to-real gap is real and it hates me",
               "Hardware is hard, and so is everything else"],
        wants=["someone in robotics or embodied AI",
               "someone who moved from robotics research to a startup",
               "anyone who has deployed RL outside a simulator"],
        orgs=["Gantrywise Robotics", "Furrowbot", "a warehouse automation company", "a drone startup", "a research lab"],
        side=["building a line-following robot with a Raspberry Pi",
              "joined my university's robot football team"],
        pitch=["a robot that sorts recycling", "autonomous weeding robots for small farms"]),
    "growth": dict(
        label="product analytics and experimentation", short="product analytics", team="product analytics",
        tools=["SQL", "dbt", "Looker", "Amplitude", "Python", "BigQuery", "Snowflake", "Mixpanel", "Tableau", "R", "Hex"],
        topics=["experimentation", "product analytics", "churn prediction", "marketing mix modeling", "customer segmentation", "LTV modeling"],
        acts=["running experimentation and product analytics{ for a subscription app}",
              "building churn and LTV models{ for a consumer app}",
              "doing marketing mix modeling with way too little data",
              "owning the A/B testing platform and the stats behind it",
              "segmenting customers so marketing stops emailing everyone",
              "building a metrics layer and dashboards people actually open",
              "measuring whether our new onboarding flow did anything at all",
              "building uplift models for promotions",
              "untangling why two dashboards show different revenue numbers"],
        takes=["If your experiment needs a 40-slide deck, the effect is probably zero",
               "SQL is the most underrated ML skill",
               "Peeking at A/B tests should be a fireable offence (I peek)"],
        wants=["someone in product analytics or experimentation",
               "a data scientist who made the jump to ML engineering",
               "someone who has built an experimentation culture from scratch"],
        orgs=["Fitquill", "Lanternly", "Wanderbay", "Mossgate Games", "a subscription app", "an edtech startup", "a gaming studio"],
        side=["analysing my own music listening history",
              "ran an A/B test on my dating profile (inconclusive)"],
        pitch=["analytics for small online shops", "an experimentation tool for mobile games"]),
    "search": dict(
        label="search and retrieval", short="search", team="search relevance",
        tools=["Elasticsearch", "OpenSearch", "Vespa", "Faiss", "sentence-transformers", "Python", "Java", "Kafka"],
        topics=["semantic search", "hybrid retrieval", "query understanding", "relevance tuning", "vector search"],
        acts=["working on search relevance{ for a job marketplace}",
              "adding semantic search on top of good old BM25",
              "building query understanding{ for a travel site}",
              "running vector search over ~100M documents",
              "tuning relevance with human judgments and a lot of spreadsheets"],
        takes=["BM25 is still undefeated in a surprising number of cases",
               "Search is a product problem before it's an ML problem"],
        wants=["someone working on search or retrieval",
               "a search person who has done hybrid retrieval in production"],
        orgs=["Jobquarry", "Findlark", "Wanderbay", "a job marketplace", "a travel site"],
        side=["built a semantic search over my lecture notes"],
        pitch=["semantic search for e-commerce catalogues"]),
}
RELATED = {
    "recsys": ["search", "growth", "mlops"], "llm": ["nlp", "mlops", "search"], "cv": ["edge", "robotics", "health"],
    "fraud": ["growth", "data", "mlops"], "health": ["nlp", "cv", "forecast"], "data": ["mlops", "growth", "fraud"],
    "mlops": ["llm", "data", "edge"], "nlp": ["llm", "search", "health"], "forecast": ["growth", "data"],
    "edge": ["cv", "robotics", "mlops"], "robotics": ["cv", "edge"], "growth": ["forecast", "data", "recsys"],
    "search": ["recsys", "llm", "nlp"],
}

# =====================================================================================
# Roles
# =====================================================================================

ROLE_ANSWER = {
    "mle": "ML Engineer", "sci": "ML Scientist / Researcher", "swe": "Software Engineer", "ds": "Data Scientist",
    "de": "Data Engineer", "founder": "Founder", "mgmt": "Management", "sales": "Sales and Marketing", "student": "Student",
}
ROLE_COUNTS = {"mle": 20, "ds": 16, "swe": 14, "de": 14, "sci": 12, "founder": 11, "mgmt": 10, "student": 15, "sales": 1}
# Free-text "Other" answers: (answer, stage index, domain). "Chief Vibes Officer" fits no category.
OTHER_ROLES = [
    ("MLOps Platform Lead", 5, "mlops"), ("Developer Advocate", 4, "llm"), ("Analytics engineer", 3, "data"),
    ("PhD candidate", 1, "nlp"), ("Chief Vibes Officer", 3, "llm"), ("Solutions Architect", 5, "mlops"),
    ("Product Manager - ML platform", 4, "mlops"), ("Data Analyst", 2, "growth"),
]
# How many of each role ask for "a similar role" (the one Sales and Marketing person is the rare case).
SIMILAR_REQUESTS = {"mle": 5, "ds": 4, "swe": 3, "de": 4, "sci": 2, "founder": 2, "mgmt": 2, "student": 2, "sales": 1}

STAGE_P = {
    "mle": [0.04, 0, 0.28, 0.33, 0.25, 0.10], "swe": [0.05, 0, 0.25, 0.30, 0.28, 0.12],
    "ds": [0.05, 0, 0.30, 0.30, 0.25, 0.10], "de": [0.03, 0, 0.30, 0.32, 0.25, 0.10],
    "sci": [0, 0.25, 0.20, 0.25, 0.20, 0.10], "founder": [0, 0, 0, 0.15, 0.45, 0.40],
    "mgmt": [0, 0, 0, 0, 0.40, 0.60], "student": [0.55, 0.45, 0, 0, 0, 0], "sales": [0, 0, 0, 0, 1, 0],
}
DOMAIN_P = {
    "mle": dict(mlops=3, llm=3, recsys=2, cv=2, fraud=1.5, nlp=1, forecast=1, edge=1, search=1, health=1, robotics=0.5, data=0.5),
    "sci": dict(nlp=3, cv=2.5, llm=2, robotics=1.5, health=1.5, recsys=1, forecast=0.5),
    "swe": dict(mlops=3, llm=2.5, data=1.5, search=1.5, edge=1.5, robotics=1, recsys=0.5),
    "ds": dict(forecast=3, growth=3, fraud=2, health=1.5, recsys=1.5, nlp=1, cv=0.5),
    "de": dict(data=6, mlops=1.5, growth=1, fraud=1, forecast=0.5, recsys=0.5),
    "founder": dict(llm=3, health=2, cv=1, fraud=1, edge=1, growth=1, mlops=1.5, data=1, forecast=1, nlp=1, robotics=0.5),
    "mgmt": dict(mlops=2, data=2, growth=1, recsys=1, fraud=1, llm=1.5, health=1, forecast=1),
    "student": dict(nlp=2, cv=2, llm=2, robotics=1, health=1, forecast=1, recsys=1, growth=0.5, mlops=1),
    "sales": dict(mlops=1),
}

ROLE_WORDS = {
    "mle": ["ML engineer", "MLE", "machine learning engineer", "ML engineer"],
    "sci": ["research scientist", "applied scientist", "ML researcher", "applied ML researcher"],
    "swe": ["software engineer", "backend engineer", "SWE", "backend dev", "platform engineer", "full-stack dev"],
    "ds": ["data scientist", "DS", "data scientist", "data scientist"],
    "de": ["data engineer", "data engineer", "data platform engineer", "DE"],
}
ROLE_TERSE = {"mle": ["ML eng", "MLE", "ML engineer"], "sci": ["researcher", "applied scientist", "research sci"],
              "swe": ["SWE", "backend eng", "software eng"], "ds": ["DS", "data scientist", "data sci"],
              "de": ["DE", "data eng", "data engineer"]}
SENIORITY = {0: ["junior", "new grad"], 1: ["junior"], 2: ["", "", "junior"], 3: ["", "", ""],
             4: ["senior", "senior", ""], 5: ["staff", "principal", "lead", "senior"]}
YEARS_PHRASE = {2: ["Two years", "~2 yrs", "A bit over a year", "Almost three years"],
                3: ["Four years", "Almost five years", "~4y", "Three and a half years"],
                4: ["Seven years", "8 yrs", "Six years", "Nearly a decade"],
                5: ["12+ years", "15 years", "Over a decade", "Twenty-ish years"]}

# =====================================================================================
# Shared fragments
# =====================================================================================

HOBBIES = [
    "Outside of work: climbing and bad puns", "I bake sourdough and overthink hydration ratios",
    "Parent of two, so sleep is a luxury", "Runner, slowly training for my first marathon",
    "Board games, especially anything with trains", "Amateur photographer, mostly of my cat",
    "I play bass in a band that has never played a gig", "Chess, around 1400 on a good day",
    "I collect mechanical keyboards and it's becoming a problem", "Learning Japanese, 300-day streak and counting",
    "Weekend cyclist", "I make cold brew and have opinions about it", "Plant person, 40+ houseplants",
    "Five-a-side football on Sundays", "I volunteer teaching Python to high school kids",
    "Big sci-fi reader, recommendations welcome", "Surfing when the weather allows",
    "Bouldering and coffee, in that order", "Trying to learn the guitar in my thirties",
    "I co-host a small data meetup in my city", "I write a newsletter that almost nobody reads (yet)",
    "My flat is run by Home Assistant and a lot of YAML", "Hiking and trail running",
    "I cook anything spicy", "Salsa dancing twice a week", "Strategy games eat my evenings",
    "Currently renovating an old flat, send tips", "Huge cricket fan", "Formula 1 on Sundays, no exceptions",
    "I read about urban planning for fun", "Amateur astronomer, cloudy skies are my nemesis",
    "I brew beer at home", "Yoga and long walks with the dog", "Pottery class on Thursdays",
    "Open water swimming", "I draw comics, badly", "Anime and manga", "New parent, please excuse the eye bags",
    "Open source contributor when I find the time", "I speak four languages, two of them badly",
    "Tea snob", "Foodie, always looking for the best street food", "Travelled to 30+ countries and counting",
    "I volunteer at a local animal shelter", "Birdwatching, yes really", "Crossword addict",
    "Marathon runner (slow)", "I DJ at friends' parties", "Padel convert", "I restore old bikes",
]
HOBBY_SHORT = ["likes cats", "runner", "coffee snob", "dad of 2", "climber", "board games", "plant parent",
               "mum of 3", "chess nerd", "cyclist", "amateur baker", "F1 fan", "into bouldering", "dog person",
               "sci-fi reader", "surfer", "plays guitar (badly)", "anime fan", "tea > coffee", "hiker", "padel addict"]
BY_NIGHT = ["amateur baker", "bad guitarist", "trail runner", "board game collector", "wannabe novelist", "DJ",
            "chess hustler", "home barista", "language nerd", "open-source maintainer", "pottery enthusiast"]
LEARNING = [
    "Currently learning Rust", "Trying to get better at system design", "Learning about LLM evals on the side",
    "Rereading Designing Data-Intensive Applications", "Getting into causal inference",
    "Learning Kubernetes the hard way", "Working through a stats refresher", "Trying to understand how paged attention works",
    "Picking up Go", "Learning to give better code reviews", "Learning to manage people, which is harder than k8s",
    "Trying to write more in public", "Studying for a cloud ML certification", "Learning about GPU kernels, slowly",
    "Experimenting with agents on weekends", "Learning Terraform because nobody else would",
    "Reading up on data contracts", "Exploring Ray for distributed training", "Trying Dagster after years of Airflow",
    "Learning Spanish for a move next year", "Trying to learn more about product management",
    "Doing a part-time master's in the evenings", "Learning about Bayesian methods",
]
PAST = [
    "Before that I was a backend dev for five years", "Previously did analytics at a bank",
    "Came from physics (PhD, lasers, long story)", "Used to be a civil engineer, switched through a bootcamp in 2020",
    "Spent a few years in consulting before escaping", "Started as a data analyst writing SQL all day",
    "I was a high school maths teacher in a previous life", "Ex game developer",
    "Did my PhD in computational biology", "Moved from DevOps into MLOps a couple of years ago",
    "Worked at a few startups, one of which still exists", "Used to run the data team at an agency",
    "Did a master's in statistics and never looked back", "Started my career in QA automation",
    "Worked as an economist before this", "Self-taught, came in through Kaggle",
    "Spent six years in telecom doing network planning", "Former sysadmin, so I've been doing ops forever",
    "I used to build trading systems", "Worked in an academic research lab for a while",
    "Switched from mechanical engineering", "Previously an Android developer",
]
EMOJI = ["🚀", "☕", "🙂", "😅", "🤖", "📈", "🐍", "🌍", "🙌", "🐱", "🎸", "🌱", "✨", "🔥", "👋"]

MGMT_WORDS = ["engineering manager", "head of data", "ML team lead", "director of ML", "data science manager", "VP of engineering", "head of ML"]
MGMT_FRAGS = [
    "Still write code on Fridays", "Spending a lot of my time on hiring and roadmap fights",
    "Trying to build a team where on-call isn't scary", "Learning how to say no to stakeholders",
    "My job is mostly unblocking people and writing docs", "Big believer in blameless postmortems",
    "Managing across four timezones is my daily puzzle", "Currently figuring out how to measure an ML team's impact",
    "I miss coding, but I've grown to like 1:1s", "Growing the team from 3 to 10 this year",
    "We just reorganised (again)", "Fan of boring technology and small PRs",
    "Was an IC for ten years before switching to management", "Spending too much time in spreadsheets these days",
]
FOUNDER_PAST = ["Ex ML engineer at a fintech", "Previously led data at a marketplace",
                "Spent eight years doing ML at big companies before jumping", "Second-time founder, the first one failed spectacularly",
                "Former consultant turned founder", "PhD dropout", "Previously a product manager",
                "Was employee #4 at a startup that got acquired"]
FOUNDER_STAGE = ["Pre-seed, three of us", "Just closed a small angel round", "Bootstrapped and profitable-ish",
                 "Looking for design partners", "Hiring our first ML engineer soon", "Raising our seed round now",
                 "Two founders, no employees, lots of coffee", "Ten people, Series A last year",
                 "First paying customers this quarter", "Six months in, still figuring out pricing"]
SOLO_STAGE = ["Pre-seed, just me and a lot of coffee", "Bootstrapped and profitable-ish", "Looking for design partners",
              "Raising a small pre-seed round now", "First paying customers this quarter"]


def founder_stage(rng, phrase: str, tiny: bool = False) -> str:
    if "solo" in phrase:
        return fresh(rng, SOLO_STAGE)
    lst = [x for x in FOUNDER_STAGE if not (tiny and "Series A" in x)]
    return fresh(rng, lst, key="founder_stage")
STUDENT_WORDS = {0: ["CS undergrad", "final-year student", "computer engineering student", "new grad", "third-year CS student"],
                 1: ["MSc student", "PhD student", "master's student in data science", "grad student", "MSc AI student"]}
STUDENT_LOOKING = ["Looking for my first internship!", "Graduating in June, job hunting 😅", "Open to internships anywhere in Europe",
                   "Would love advice on PhD vs industry", "Trying to figure out if MLOps is the right path for me",
                   "Applying to junior MLE roles", "Hoping to stay in research after this", "Open to remote roles"]
UNIVERSITIES = {
    "Nigeria": ["University of Lagos", "Obafemi Awolowo University"], "Kenya": ["University of Nairobi", "Strathmore University"],
    "India": ["IIT Madras", "IIIT Hyderabad", "Anna University"], "Germany": ["TU Berlin", "TU Munich", "KIT"],
    "Argentina": ["UBA", "Universidad de Buenos Aires"], "Brazil": ["USP", "Unicamp"], "Poland": ["AGH Kraków", "Warsaw University of Technology"],
    "Canada": ["University of Toronto", "University of Waterloo"], "Egypt": ["Cairo University"], "Indonesia": ["Universitas Indonesia", "ITB"],
    "Vietnam": ["VNU Hanoi"], "UK": ["University of Edinburgh", "UCL"], "US": ["Georgia Tech", "UT Austin"], "Mexico": ["UNAM", "Tec de Monterrey"],
    "Spain": ["Universidad Politécnica de Madrid"], "France": ["Sorbonne Université"], "Pakistan": ["LUMS", "NUST"], "Ghana": ["KNUST"],
    "Colombia": ["Universidad de los Andes"], "Turkey": ["Boğaziçi University"], "Italy": ["Politecnico di Milano"],
}
GENERIC_ORGS = ["Freelance", "Self-employed", "Stealth", "Currently looking", "a consulting firm", "a government agency",
                "an NGO", "Independent consultant", "between jobs atm"]

# -- buddy wishes ----------------------------------------------------------------------
WANTS_GENERIC = [
    "anyone! just want to meet people", "Open to anyone, really", "no strong preference :)",
    "Someone friendly who likes a good chat", "someone curious, doesn't matter what they work on",
    "Happy to be matched with anyone", "Someone chill. Not a sales pitch please 🙏",
    "Just someone nice to talk shop with", "Anyone who likes talking about ML in production",
    "someone outside my bubble, a different industry would be cool", "Someone who enjoys debating tools and architectures",
    "a person with a totally different background than mine", "someone I can keep in touch with after the call",
    "Ideally someone who also likes talking about books", "Don't mind! Surprise me", "whoever, I'm easy",
    "Someone open to a walking call (I do these on my evening walk)", "someone who's been in the community for a while and knows which events are worth it",
    "A fellow remote worker, I'm a bit isolated", "someone I could maybe co-write a blog post or a talk with",
    "Anyone up for pair-debugging a side project", "someone who likes building things for fun",
    "a fellow introvert, we can take it slow", "Someone working on something completely different from me",
]
WANTS_JUNIOR = [
    "a more senior person in {label} who can give career advice", "someone a few years ahead of me who can tell me what to learn next",
    "Someone who has been through a few job changes and can give honest advice", "a mentor-ish person, I'm still new to the field",
    "someone who hires for {role} roles, to understand what they look for", "someone who can review my portfolio and be brutally honest",
]
WANTS_MID = [
    "someone at a similar level who's thinking about next career steps", "someone who switched companies recently",
    "someone who's been through the senior -> staff conversation", "someone who went freelance, curious how it's going",
]
WANTS_SENIOR = [
    "someone earlier in their career, happy to share what I've learned", "another senior IC to talk about the staff path",
    "someone who has made the jump into management (or back)", "~Happy to help someone junior, but peers are great too",
    "someone who is building a team from scratch", "anyone doing interesting things I can learn from, ego-free",
]
WANTS_ROLE = {
    "founder": ["a founder to talk fundraising", "other founders, especially solo ones", "an ML engineer who might be curious about early-stage startups",
                "someone who has sold to enterprises, I need to learn", "someone who can tell me honestly whether my product makes sense",
                "an investor or ex-founder who can poke holes in my pitch"],
    "mgmt": ["another manager of ML teams to compare notes on hiring", "someone who has built a data team from scratch",
             "a manager who's dealt with remote teams across timezones", "an IC who can tell me what their manager does that annoys them"],
    "student": ["someone who went from academia to industry", "someone working as an MLE who can tell me what the job is really like",
                "a PhD who left research, to ask how it went", "someone who hires interns"],
    "swe": ["someone who moved from software engineering into ML", "an MLE who can tell me which ML skills matter for backend people"],
    "ds": ["a data scientist who made the jump to ML engineering", "someone who can help me get models out of notebooks and into prod"],
    "de": ["an ML engineer who consumes the data I produce, so I can understand their pain"],
    "sci": ["someone in industry research, to compare publishing vs shipping", "an engineer who can show me how research gets productionised"],
    "mle": ["a researcher who can explain the papers I pretend to have read", "a data engineer so we can stop blaming each other"],
}
WANTS_SIMILAR = [
    "another {role} please, I'm the only one on my team", "someone in a similar role ({role}) to compare day-to-day work",
    "a fellow {role}, ideally also working on {short}", "another {role}! would love to compare how our teams work",
    "someone doing the same job as me so we can swap notes on tooling", "preferably another {role}, the closer to {short} the better",
]
WANTS_SIMILAR_ROLE = {
    "founder": ["another founder, ideally a bit further along than us", "a fellow founder to swap notes on hiring the first engineers",
                "another founder please! being a founder is lonely"],
    "student": ["another student, ideally also job hunting", "a fellow student in {short}, we can suffer together",
                "another student so we can share resources and internship leads"],
    "mgmt": ["another manager of technical teams", "a fellow engineering manager, ideally also in {short}"],
}
WANTS_TZ = {
    "emea": ["someone in a timezone friendly to CET", "ideally someone in Europe or Africa timezones", "someone in EMEA hours"],
    "south_asia": ["someone in or near IST (I'm useless after 10pm)", "someone in an Asia or Europe timezone"],
    "americas": ["someone in the Americas, timezones are hard", "someone in a US-friendly timezone"],
    "apac": ["~Someone in APAC would be great, everything is at 2am for me", "someone in an Asia-Pacific timezone"],
}
WANTS_SPANISH = ["~alguien que hable español estaría genial, pero no es obligatorio", "~Someone in LATAM would be cool, happy to chat in Spanish too"]
WANTS_PORTUGUESE = ["~alguém do Brasil seria legal, mas qualquer pessoa serve", "~Can chat in Portuguese or English, whichever"]

# -- skills -------------------------------------------------------------------------------
ROLE_SKILLS = {
    "mgmt": ["hiring", "roadmapping", "stakeholder management", "team building", "1:1s", "OKRs", "budgeting", "incident management"],
    "founder": ["fundraising", "product", "sales (learning)", "wearing many hats", "go-to-market", "customer discovery"],
    "student": ["Python", "PyTorch", "scikit-learn", "LaTeX", "Kaggle", "linear algebra", "Jupyter", "pandas"],
    "swe": ["Go", "Java", "TypeScript", "Rust", "distributed systems", "REST/gRPC APIs", "PostgreSQL", "system design"],
    "de": ["SQL", "data modeling", "Python", "Scala"],
    "ds": ["statistics", "experimentation", "SQL", "pandas", "Python", "R"],
    "mle": ["Python", "Docker", "model serving", "SQL"],
    "sci": ["Python", "PyTorch", "JAX", "paper reading", "experiment design"],
}
ABBREV = {"Kubernetes": "k8s", "TensorFlow": "TF", "Hugging Face": "HF", "Weights & Biases": "W&B", "PostgreSQL": "postgres", "Postgres": "postgres"}
LANGS = {"Python", "SQL", "Go", "Java", "Scala", "R", "TypeScript", "Rust", "C++"}
EXTRA_LANGS = ["Rust", "Go", "Scala", "Julia", "R", "C++", "TypeScript"]

TYPO_WORDS = {
    "definitely": "definately", "experience": "experiance", "environment": "enviroment", "recommendation": "recomendation",
    "separate": "seperate", "really": "realy", "production": "prodution", "learning": "learing", "interested": "intrested",
    "pipeline": "pipline", "because": "becuase", "which": "wich", "engineer": "enginer", "someone": "somone",
    "models": "modles", "about": "abotu", "their": "there", "working": "workign", "thesis": "theis",
}


# =====================================================================================
# Persona
# =====================================================================================

@dataclass
class Person:
    first: str
    last: str
    country: str
    gender: str
    kind: str                      # mle, ds, ..., or "other"
    role_answer: str
    stage_i: int
    domain: str
    domain2: str | None
    tools: list[str]
    org: str
    location: str
    tz: str | None
    voice: str
    email: str = ""
    slack: str = ""
    linkedin: str = ""
    similar: bool = False
    keep: bool = True
    summary: str = ""
    skills: str = ""
    wants: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def city(self) -> str:
        return re.split(r"[,(]", self.location)[0].strip()


def draw_name(rng, country: str, gender: str, taken: set[str]) -> tuple[str, str]:
    c = COUNTRIES[country]
    used_first = {n.split("|")[2] for n in taken if n.startswith(country + "|F|")}
    used_last = {n.split("|")[2] for n in taken if n.startswith(country + "|L|")}
    for attempt in range(400):
        first = pick(rng, c[gender])
        last = pick(rng, c["last"])
        if isinstance(last, tuple):
            last = last[0] if gender == "m" else last[1]
        if country == "Spain" and chance(rng, 0.3):
            second = pick(rng, c["last"])
            if second != last:
                last = f"{last} {second}"
        full = f"{first} {last}"
        strict = attempt < 300
        if strict and (first in used_first or last.split()[0] in used_last):
            continue
        if full not in taken and full not in NAME_BLOCKLIST:
            taken.update({full, f"{country}|F|{first}", f"{country}|L|{last.split()[0]}"})
            return first, last
    raise RuntimeError("name space exhausted")


def draw_country(rng) -> str:
    return wpick(rng, {k: v["w"] for k, v in COUNTRIES.items()})


def draw_location(rng, country: str, hub_p: float = 0.17) -> tuple[str, str | None]:
    if chance(rng, hub_p):
        return pick(rng, HUB_LOCATIONS)
    return pick(rng, COUNTRIES[country]["loc"])


def email_for(rng, first: str, last: str, org: str, kind: str, taken: set[str]) -> str:
    f, l = ascii_slug(first.split()[0]), ascii_slug(last)
    if org in COMPANIES and kind != "student" and chance(rng, 0.55):
        domain = COMPANIES[org]
    else:
        domain = wpick(rng, {"gmail.com": 0.72, "outlook.com": 0.16, "yahoo.com": 0.12})
    style = wpick(rng, {"dot": 0.82, "initial": 0.07, "plain": 0.05, "under": 0.06})
    local = {"dot": f"{f}.{l}", "initial": f"{f[0]}.{l}", "plain": f"{f}{l}", "under": f"{f}_{l}"}[style]
    email = f"{local}@{domain}"
    n = 2
    while email in taken:
        email = f"{local}{n}@{domain}"
        n += 1
    taken.add(email)
    return email


def slack_for(rng, first: str, last: str) -> str:
    f, l = ascii_slug(first.split()[0]), ascii_slug(last)
    style = wpick(rng, {"at_dot_initial": 3, "under_initial": 2, "full": 2, "at_full": 2, "display": 2, "first": 1, "blank": 0.6, "none": 0.3})
    return {
        "at_dot_initial": f"@{f}.{l[0]}", "under_initial": f"{f}_{l[0]}", "full": f"{f}.{l}", "at_full": f"@{f}{l}",
        "display": f"{first} {last[0]}.", "first": f"@{f}", "blank": "", "none": "not on slack yet",
    }[style]


def linkedin_for(rng, first: str, last: str) -> str:
    if chance(rng, 0.22):
        return ""
    slug = f"{ascii_slug(first.split()[0])}-{ascii_slug(last)}"
    suffix = "".join(pick(rng, "0123456789abcdef") for _ in range(8))
    style = wpick(rng, {"full": 4, "suffix": 3, "bare": 2, "www": 1, "ios": 0.6})
    return {
        "full": f"https://www.linkedin.com/in/{slug}/",
        "suffix": f"https://www.linkedin.com/in/{slug}-{suffix}",
        "bare": f"linkedin.com/in/{slug.replace('-', '')}",
        "www": f"www.linkedin.com/in/{slug}",
        "ios": f"https://www.linkedin.com/in/{slug}?utm_source=share&utm_campaign=share_via&utm_content=profile&utm_medium=ios_app",
    }[style]


FOUNDER_STARTUPS = ["Kitebase", "Sproutlane", "Orbitfold", "Nimbleraft", "Tallowtree", "Quokkabyte", "Marrowlight", "Brambleworks"]
COMPANIES.update({n: n.lower() + d for n, d in zip(FOUNDER_STARTUPS, [".ai", ".io", ".ai", ".dev", ".io", ".ai", ".health", ".io"])})


def org_for(rng, p_kind: str, domain: str, country: str, stage_i: int = 3) -> str:
    if p_kind == "sci" and stage_i == 1:
        unis = UNIVERSITIES.get(country)
        return pick(rng, unis) if unis and chance(rng, 0.75) else "a research lab"
    if p_kind == "student":
        unis = UNIVERSITIES.get(country)
        return pick(rng, unis) if unis and chance(rng, 0.8) else pick(rng, ["my university", "Uni", "student", "-"])
    if p_kind == "founder":
        return fresh(rng, FOUNDER_STARTUPS) if chance(rng, 0.6) else pick(rng, ["my own startup", "Stealth", "stealth startup", "Own company"])
    if chance(rng, 0.1):
        return pick(rng, GENERIC_ORGS)
    org = pick(rng, DOMAINS[domain]["orgs"])
    return org


def display_org(rng, org: str, domain: str) -> str:
    """How the employer is typed in the 'Where do you work?' box."""
    if org in COMPANIES:
        style = wpick(rng, {"plain": 6, "lower": 1.5, "paren": 1.5, "inc": 0.6})
        return {"plain": org, "lower": org.lower(), "paren": f"{org} ({DOMAINS[domain]['short']})", "inc": f"{org} Inc."}[style]
    return org


def org_ref(rng, org: str) -> str:
    """How the employer is referred to inside free text."""
    if org in COMPANIES:
        return org
    if org in GENERIC_ORGS or org in ("Stealth", "stealth startup", "my own startup", "Own company"):
        return pick(rng, ["a small company", "a startup", "a mid-size company"])
    return org


def role_phrase(rng, p: Person) -> str:
    if p.kind in ROLE_WORDS:
        base = pick(rng, ROLE_WORDS[p.kind])
        if p.kind == "sci" and p.stage_i == 1:
            return pick(rng, ["PhD researcher", "research assistant", "PhD student"])
        adj = pick(rng, SENIORITY[p.stage_i])
        return f"{adj} {base}".strip()
    if p.kind == "mgmt":
        return pick(rng, MGMT_WORDS)
    if p.kind == "founder":
        return pick(rng, ["founder", "co-founder & CTO", "co-founder", "solo founder", "founder/CEO"])
    if p.kind == "student":
        return pick(rng, STUDENT_WORDS[p.stage_i])
    return p.role_answer.lower()


# =====================================================================================
# Voice: how a person writes
# =====================================================================================

def add_typo(rng, text: str) -> str:
    words = list(re.finditer(r"\b[a-z]{3,}\b", text))
    known = [m for m in words if m.group(0) in TYPO_WORDS]
    if known:
        m = pick(rng, known)
        return text[: m.start()] + TYPO_WORDS[m.group(0)] + text[m.end():]
    long = [m for m in words if len(m.group(0)) > 5]
    if not long:
        return text
    m = pick(rng, long)
    w = m.group(0)
    i = int(rng.integers(1, len(w) - 2))
    w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:] if chance(rng, 0.6) else w[:i] + w[i + 1:]
    return text[: m.start()] + w2 + text[m.end():]


def apply_voice(rng, text: str, voice: str, typo_p: float = 0.14, emoji_p: float = 0.0) -> str:
    if not text:
        return text
    if voice == "casual":
        if chance(rng, 0.6):
            text = text.lower()
        else:
            text = low1(text)
        if text.endswith(".") and chance(rng, 0.7):
            text = text[:-1]
        if chance(rng, 0.3):
            text = text.replace(" and ", " & ", 1)
        if chance(rng, 0.15):
            text = text.rstrip(".") + pick(rng, [" lol", " tbh", " haha", " :)", " 🙃"])
    elif voice == "enthusiastic":
        if text.endswith("."):
            text = text[:-1] + "!"
        if chance(rng, max(emoji_p, 0.5)):
            text = f"{text} {pick(rng, EMOJI)}"
    elif voice == "terse":
        text = text.rstrip(".")
    elif chance(rng, emoji_p):
        text = f"{text} {pick(rng, EMOJI)}"
    if chance(rng, typo_p):
        text = add_typo(rng, text)
    if chance(rng, 0.05):
        text = text.replace(". ", ".  ", 1)  # double space after a full stop
    return text


# =====================================================================================
# Text composers
# =====================================================================================

def extra_bit(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    choice = wpick(rng, {"hobby": 4, "learning": 2, "take": 2, "past": 1.5 if p.stage_i >= 3 else 0, "none": 2})
    return {"hobby": fresh(rng, HOBBIES), "learning": fresh(rng, LEARNING), "take": fresh(rng, D["takes"]),
            "past": fresh(rng, PAST), "none": ""}[choice]


NO_BUSINESS = set(GENERIC_ORGS) | {"my university", "Uni", "student", "-", "a research lab", "a consulting firm"}


def act_for(rng, p: Person, with_org: bool = False) -> str:
    """A domain activity. The part in {braces} names a kind of business ("{ for a news app}"); it is
    kept only for people whose employer isn't a business of its own (freelancers, students, ...),
    so nobody works at a bank while 'building personalization for a food delivery app'."""
    act = fresh(rng, DOMAINS[p.domain]["acts"], key=("acts", p.domain))
    keep = p.org in NO_BUSINESS or p.org.startswith(("my ", "Stealth", "stealth", "Own")) or p.kind == "student"
    return re.sub(r"\{([^}]*)\}", r"\1" if keep else "", act)


def tools_phrase(rng, p: Person) -> str:
    t = picks(rng, p.tools, 2)
    return " and ".join(t) if len(t) == 2 else (t[0] if t else "Python")


def summary_ic(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    rp = role_phrase(rng, p)
    ref = org_ref(rng, p.org)
    t = wpick(rng, {
        "at": 3, "im": 3, "act_take": 2, "years": 2 if p.stage_i >= 2 else 0, "terse": 3 if p.voice == "terse" else 0.5,
        "tools_person": 1.5, "by_night": 1, "hi": 1.5, "paren": 1.5, "ask": 1.5, "take_first": 1.2, "past_now": 1.5 if p.stage_i >= 3 else 0,
        "bio": 1, "plain": 2,
    })
    act = act_for(rng, p, with_org=t in ("at", "past_now"))
    if t == "at":
        return join_sentences(f"{cap(rp)} at {ref}, {act}", extra_bit(rng, p))
    if t == "im":
        return join_sentences(f"I'm {art(rp)} {rp} in {p.city}, currently {act}", extra_bit(rng, p))
    if t == "act_take":
        return join_sentences(cap(act), fresh(rng, D["takes"]))
    if t == "years":
        word = pick(rng, ROLE_WORDS[p.kind])
        return join_sentences(f"{pick(rng, YEARS_PHRASE[p.stage_i])} as {art(word)} {word}, these days {act}", extra_bit(rng, p))
    if t == "terse":
        return f"{pick(rng, ROLE_TERSE[p.kind])}, {D['short']}, {fresh(rng, HOBBY_SHORT)}"
    if t == "tools_person":
        return join_sentences(f"{tools_phrase(rng, p).replace(' and ', ' + ')} person", cap(act), extra_bit(rng, p))
    if t == "by_night":
        return join_sentences(f"{cap(rp)} by day, {fresh(rng, BY_NIGHT)} by night", f"Mostly {act}")
    if t == "hi":
        return join_sentences(f"Hi! {p.first.split()[0]} here, {rp} from {p.city}", cap(act), extra_bit(rng, p))
    if t == "paren":
        return join_sentences(f"{cap(rp)} ({D['short']})", fresh(rng, PAST) if p.stage_i >= 3 else cap(act), fresh(rng, LEARNING))
    if t == "ask":
        return join_sentences(f"Currently {act}", f"Ask me about {pick(rng, D['topics'])}!") + (f" {pick(rng, EMOJI)}" if chance(rng, 0.5) else "")
    if t == "take_first":
        return join_sentences(fresh(rng, D["takes"]), f"{cap(rp)} working on {D['label']} with {tools_phrase(rng, p)}")
    if t == "past_now":
        return join_sentences(fresh(rng, PAST), f"Now at {ref}, {act}")
    if t == "bio":
        at = f" @ {ref}" if ref in COMPANIES else ""
        return f"{rp}{at} | {D['short']} | {' / '.join(picks(rng, p.tools, 3))} | {fresh(rng, HOBBY_SHORT)}"
    return join_sentences(cap(rp), cap(act), fresh(rng, LEARNING) if chance(rng, 0.5) else fresh(rng, HOBBIES))


def summary_student(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    sp = pick(rng, STUDENT_WORDS[p.stage_i])
    uni = p.org if p.org not in ("my university", "Uni", "student", "-") else "uni"
    t = wpick(rng, {"thesis": 3, "break_in": 3, "terse": 2 if p.voice == "terse" else 0.4, "side": 2, "hi": 1.5})
    topic = pick(rng, D["topics"])
    if t == "thesis":
        thesis = pick(rng, [f"Thesis on {topic}", f"Working on {topic} for my thesis", f"Research interests: {' and '.join(picks(rng, D['topics'], 2))}"])
        return join_sentences(f"{cap(sp)} at {uni}", thesis, fresh(rng, STUDENT_LOOKING))
    if t == "break_in":
        return join_sentences(f"{cap(sp)} trying to break into {D['label']}", f"Recently {fresh(rng, D['side'])}", fresh(rng, STUDENT_LOOKING))
    if t == "terse":
        return f"{sp}, into {D['short']}, {fresh(rng, HOBBY_SHORT)}"
    if t == "side":
        return join_sentences(f"{cap(fresh(rng, D['side']))}", f"{cap(sp)}, learning everything about {topic}", fresh(rng, HOBBIES) if chance(rng, 0.5) else "")
    return join_sentences(f"Hi! I'm a {sp} from {p.city}", f"Mostly into {D['label']}, especially {topic}", fresh(rng, STUDENT_LOOKING))


def summary_founder(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    pitch = fresh(rng, D["pitch"])
    phrase = role_phrase(rng, p)
    t = wpick(rng, {"founder_of": 3, "building": 3, "tiny": 2, "terse": 2 if p.voice == "terse" else 0.4,
                    "named": 4 if p.org in FOUNDER_STARTUPS else 0})
    if t == "named":
        return join_sentences(f"{cap(phrase)} of {p.org}: we're building {pitch}", founder_stage(rng, phrase), extra_bit(rng, p))
    if t == "founder_of":
        return join_sentences(f"{cap(phrase)} of a small startup building {pitch}", founder_stage(rng, phrase), extra_bit(rng, p))
    if t == "building":
        return join_sentences(f"Building {pitch}", fresh(rng, FOUNDER_PAST), founder_stage(rng, phrase))
    if t == "tiny":
        return join_sentences(f"{cap(phrase)} at a tiny {D['short']} startup in {p.city}", founder_stage(rng, phrase, tiny=True), fresh(rng, D["takes"]))
    return f"founder, {pitch}, {founder_stage(rng, phrase).lower()}"


def summary_mgmt(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    n = int(rng.integers(4, 16))
    word = role_phrase(rng, p)
    ref = org_ref(rng, p.org)
    t = wpick(rng, {"lead": 3, "manage": 3, "turned": 2, "terse": 2 if p.voice == "terse" else 0.4})
    if t == "lead":
        return join_sentences(f"{cap(word)} at {ref}, leading the {D['team']} team ({n} people)", fresh(rng, MGMT_FRAGS))
    if t == "manage":
        return join_sentences(f"I manage {n} engineers working on {D['label']}", fresh(rng, MGMT_FRAGS), extra_bit(rng, p))
    if t == "turned":
        return join_sentences(f"Engineer turned {word}", f"My team is {act_for(rng, p)}", fresh(rng, MGMT_FRAGS))
    return f"EM, {D['short']}, {fresh(rng, HOBBY_SHORT)}"


def summary_sales(rng, p: Person) -> str:
    return ("Product marketing at an MLOps tooling company. Not an engineer, but I spend all day talking to them "
            "and I'd love to understand the day-to-day of ML teams better. Also: pottery")


OTHER_ORGS = {
    "MLOps Platform Lead": "Bluefinch Insurance", "Developer Advocate": "an open-source vector DB company",
    "Analytics engineer": "Quillmart", "Chief Vibes Officer": "Parley AI", "Solutions Architect": "a cloud consultancy",
    "Product Manager - ML platform": "Orchard Telecom", "Data Analyst": "a mid-size retailer",
}
OTHER_SUMMARIES = {
    "MLOps Platform Lead": ["Leading the MLOps platform at {ref}: Kubeflow, MLflow and a lot of Terraform. 11 years in infra, the last four in ML",
                            "I run the ML platform team at {ref}. Ex-SRE. Obsessed with making the boring path the easy path"],
    "Developer Advocate": ["DevRel for an open-source vector database. I write tutorials, speak at meetups and break things so you don't have to",
                           "Developer advocate. I build demo apps with LLMs and then write about everything that went wrong"],
    "Analytics engineer": ["analytics engineer: dbt, snowflake and a lot of stakeholder conversations. trying to move closer to ML",
                           "Analytics engineer at {ref}, the person between the data engineers and the dashboards"],
    "PhD candidate": ["PhD candidate in computational linguistics, working on speech recognition for code-switched languages. Looking at industry roles next year",
                      "4th year PhD candidate (NLP), thesis on multilingual models for low-resource languages"],
    "Chief Vibes Officer": ["Officially Chief Vibes Officer at a 30-person AI startup (yes, it's on my business card). I do community, events and onboarding, and I'm learning Python so I can follow what everyone is arguing about"],
    "Solutions Architect": ["Solutions architect at a cloud consultancy. I help companies figure out why their ML projects never reach production",
                            "Solutions architect, 14 years in, mostly AWS. These days every customer wants 'GenAI' and I help them work out what they actually need"],
    "Product Manager - ML platform": ["PM for our internal ML platform, ex data scientist. I translate between researchers and infra folks",
                                      "Product manager for ML infrastructure at {ref}. I write docs nobody reads and talk to users everybody should"],
    "Data Analyst": ["data analyst at a retail company, SQL + Power BI all day, want to move into data science",
                     "Data analyst, 2 years in. Excel wizard turned SQL person turned wannabe data scientist"],
}
OTHER_SKILLS = {
    "MLOps Platform Lead": "Kubernetes, Kubeflow, MLflow, Terraform, platform strategy, hiring",
    "Developer Advocate": "technical writing, public speaking, Python, LLM apps, vector search",
    "Analytics engineer": "dbt; snowflake; sql; looker; a bit of python",
    "PhD candidate": "speech recognition, multilingual NLP, PyTorch, ESPnet, writing papers at 3am",
    "Chief Vibes Officer": "community building, events, onboarding, beginner Python, knowing where the good snacks are",
    "Solutions Architect": "AWS, SageMaker, solution design, pre-sales, Terraform",
    "Product Manager - ML platform": "product management, user research, roadmaps, some SQL and Python",
    "Data Analyst": "SQL, Power BI, Excel, learning Python and scikit-learn",
}
OTHER_WANTS = {
    "MLOps Platform Lead": "another platform lead to compare how we run internal ML platforms",
    "Developer Advocate": "someone building with LLMs who wants to tell me what's painful about it",
    "Analytics engineer": "a data scientist or MLE who can tell me how to make the jump",
    "PhD candidate": "someone who went from a PhD into industry ML",
    "Chief Vibes Officer": "honestly anyone, but bonus points if you can explain what a feature store is in one sentence",
    "Solutions Architect": "someone who has actually shipped LLMs to production at a big company",
    "Product Manager - ML platform": "an ML engineer who uses an internal platform and has opinions about it",
    "Data Analyst": "a data scientist who started as an analyst",
}


def make_summary(rng, p: Person) -> str:
    if p.kind == "other":
        text = pick(rng, OTHER_SUMMARIES[p.role_answer]).format(ref=org_ref(rng, p.org))
    elif p.kind == "student":
        text = summary_student(rng, p)
    elif p.kind == "founder":
        text = summary_founder(rng, p)
    elif p.kind == "mgmt":
        text = summary_mgmt(rng, p)
    elif p.kind == "sales":
        text = summary_sales(rng, p)
    else:
        text = summary_ic(rng, p)
    if len(text) > 300:  # people mostly respect "tweet-sized"
        text = text[: text.rfind(". ", 0, 280) + 1] or text
    return apply_voice(rng, text, p.voice, typo_p=0.09, emoji_p=0.08)


def fmt_item(rng, item: str, lower: bool, abbrev: bool) -> str:
    if abbrev and item in ABBREV:
        item = ABBREV[item]
    return item.lower() if lower else item


def make_skills(rng, p: Person) -> str:
    if p.kind == "other":
        return OTHER_SKILLS[p.role_answer]
    if p.kind == "sales":
        return "product marketing, positioning, developer content, webinars, a little SQL"
    D = DOMAINS[p.domain]
    items = picks(rng, p.tools, int(rng.integers(2, 5)))
    role_items = ROLE_SKILLS.get(p.kind, [])
    items += picks(rng, role_items, int(rng.integers(1, 3)))
    if p.domain2 and chance(rng, 0.6):
        items.append(pick(rng, DOMAINS[p.domain2]["tools"]))
    canon = {"postgresql": "postgres", "pytorch": "pytorch", "python": "python"}
    seen, uniq = set(), []
    for i in items:
        k = canon.get(i.lower(), i.lower())
        if k not in seen:
            seen.add(k)
            uniq.append(i)
    items = uniq
    order = rng.permutation(len(items))
    items = [items[i] for i in order]
    if "Python" in items and chance(rng, 0.5):  # Python usually comes first
        items.remove("Python")
        items.insert(0, "Python")
    topics = picks(rng, D["topics"], 3)
    abbrev = chance(rng, 0.35)
    style = wpick(rng, {"comma": 5, "semi": 2, "slash": 1.2, "prose": 1.5, "topics_tools": 2, "mostly": 1.5, "pipe": 0.8,
                        "comma_topic": 1.5, "years": 1 if items[0] in LANGS else 0, "spaces": 0.5, "topics": 1.2, "bit_of": 1})
    if p.voice == "terse" and style in ("prose", "mostly", "topics_tools"):
        style = "comma"
    if style == "comma":
        return ", ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "semi":
        return "; ".join(fmt_item(rng, i, True, abbrev) for i in items)
    if style == "slash":
        return " / ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "prose":
        return f"{cap(topics[0])} and {topics[1]}" + (f", plus {pick(rng, role_items)}" if role_items and chance(rng, 0.4) else "")
    if style == "topics_tools":
        return f"{cap(topics[0])}, {topics[1]}. Tools: {', '.join(fmt_item(rng, i, False, abbrev) for i in items)}"
    if style == "mostly":
        rest = items[2] if len(items) > 2 else pick(rng, EXTRA_LANGS)
        return f"Mostly {items[0]} and {items[1]}, some {rest}. Lately {topics[0]}"
    if style == "pipe":
        return " | ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "comma_topic":
        return ", ".join(fmt_item(rng, i, False, abbrev) for i in items) + f" ({topics[0]})"
    if style == "years":
        y = {0: 1, 1: 2, 2: 3, 3: 5, 4: 8, 5: 12}[p.stage_i]
        return f"{items[0]} ({y} yrs), " + ", ".join(items[1:])
    if style == "spaces":
        return " ".join(fmt_item(rng, i, True, True).replace(" ", "-") for i in items)
    if style == "topics":
        return ", ".join(topics)
    return ", ".join(items) + f", and a bit of {pick(rng, [x for x in EXTRA_LANGS if x not in items])}"


def _join_wants(rng, parts: list[str]) -> str:
    """Join 1-3 wishes the way people write them: 'X or Y', 'X, ideally Y', 'X. Bonus points if it's Y'.

    Items starting with '~' are full clauses and always get their own sentence.
    """
    clause = [x.startswith("~") for x in parts]
    parts = [x.lstrip("~") for x in parts]
    text, closed = cap(parts[0]), clause[0] or "!" in parts[0]
    connectors = [" or ", ", ideally ", ". Bonus points if it's ", " - or maybe ", ". Would also love "]
    for s_, is_clause in zip(parts[1:], clause[1:]):
        if is_clause or closed or not connectors:
            text = sentence(text) + " " + cap(s_)
        else:
            conn = connectors.pop(int(rng.integers(len(connectors))))
            if conn.startswith("."):
                connectors = [c for c in connectors if not c.startswith(".")]
            text = text.rstrip(".") + conn + low1(s_)
        closed = is_clause or "!" in s_
    return text


def make_wants(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    if p.kind == "other":
        return apply_voice(rng, OTHER_WANTS[p.role_answer], p.voice, typo_p=0.04)
    if p.kind == "sales":
        return "someone technical who can tell me what MLOps folks actually care about (and what they hate about vendors)"
    role_word = {"mle": "ML engineer", "ds": "data scientist", "de": "data engineer", "swe": "software engineer", "sci": "researcher",
                 "founder": "founder", "mgmt": "engineering manager", "student": "student"}[p.kind]
    first: list[str] = []
    if p.similar:
        lst = WANTS_SIMILAR_ROLE.get(p.kind, WANTS_SIMILAR)
        first.append(fresh(rng, lst).format(role=role_word, short=D["short"]))
    n_more = int(rng.choice([0, 0, 1])) if p.similar else int(rng.choice([1, 1, 1, 1, 1, 2, 2, 2, 2, 3]))
    pool = {"domain": 3, "stage": 2, "role": 1.5 if p.kind in WANTS_ROLE else 0, "generic": 0 if p.similar else 2.2,
            "tz": 1.0 if p.tz else 0, "domain2": 0.8 if p.domain2 else 0,
            "lang": 0.6 if (p.country in SPANISH or p.country == "Brazil") else 0}
    chosen: dict[str, str] = {}
    while len(chosen) < n_more:
        k = wpick(rng, {c: w for c, w in pool.items() if c not in chosen and w > 0})
        if k == "domain":
            opts = [w for w in D["wants"] if not (p.similar and w.startswith("another"))]
            s_ = fresh(rng, opts, key=("wants", p.domain))
        elif k == "domain2":
            s_ = fresh(rng, DOMAINS[p.domain2]["wants"])
        elif k == "stage":
            lst = WANTS_JUNIOR if p.stage_i <= 2 else WANTS_MID if p.stage_i == 3 else WANTS_SENIOR
            s_ = fresh(rng, lst).format(label=D["label"], role=role_word)
        elif k == "role":
            s_ = fresh(rng, WANTS_ROLE[p.kind])
        elif k == "tz":
            s_ = fresh(rng, WANTS_TZ[TZ_REGION[p.tz]])
        elif k == "lang":
            lst = WANTS_PORTUGUESE if p.country == "Brazil" else WANTS_SPANISH[:1] if p.country == "Spain" else WANTS_SPANISH
            s_ = pick(rng, lst)
        else:
            s_ = "~" + fresh(rng, WANTS_GENERIC)
        chosen[k] = s_
    # Generic openers first ("Open to anyone, really."), timezone and language wishes last.
    rank = {c: {"generic": 0, "tz": 8, "lang": 9}.get(c, 1 + int(rng.integers(5))) for c in chosen}
    parts = first + [chosen[c] for c in sorted(chosen, key=lambda c: rank[c])]
    return apply_voice(rng, _join_wants(rng, parts), p.voice, typo_p=0.06)


# =====================================================================================
# Coffee round
# =====================================================================================

def build_people(rng) -> list[Person]:
    kinds: list[str] = []
    for k, n in ROLE_COUNTS.items():
        kinds += [k] * n
    kinds += ["other"] * len(OTHER_ROLES)
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    other_iter = iter(OTHER_ROLES)
    taken_names: set[str] = set()
    taken_emails: set[str] = set()
    people: list[Person] = []
    for kind in kinds:
        if kind == "other":
            role_answer, stage_i, domain = next(other_iter)
        else:
            role_answer = ROLE_ANSWER[kind]
            stage_i = int(rng.choice(6, p=STAGE_P[kind]))
            domain = wpick(rng, DOMAIN_P[kind])
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.42) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        domain2 = pick(rng, RELATED[domain]) if chance(rng, 0.3) else None
        tools = picks(rng, DOMAINS[domain]["tools"], int(rng.integers(4, 7)))
        if kind == "sales":
            org = "Quietbyte"
        elif kind == "other":
            org = OTHER_ORGS[role_answer] if role_answer != "PhD candidate" else org_for(rng, "sci", domain, country, 1)
        else:
            org = org_for(rng, kind, domain, country, stage_i)
        location, tz = draw_location(rng, country, 0.0 if kind == "student" or (kind == "sci" and stage_i == 1) else 0.17)
        voice = wpick(rng, {"formal": 0.38, "casual": 0.3, "terse": 0.17, "enthusiastic": 0.15})
        p = Person(first, last, country, gender, kind, role_answer, stage_i, domain, domain2, tools, org, location, tz, voice)
        p.email = email_for(rng, first, last, org, kind, taken_emails)
        p.slack = slack_for(rng, first, last)
        p.linkedin = linkedin_for(rng, first, last)
        p.keep = chance(rng, 0.68)
        people.append(p)
    return people


def plant_names(rng, people: list[Person]) -> None:
    """Make sure José, Zoë and Łukasz are among the participants (accented names)."""
    wanted = [("José", "Spain", "m"), ("Zoë", "UK", "f"), ("Łukasz", "Poland", "m")]
    taken = {p.name for p in people}
    for first, country, gender in wanted:
        if any(p.first == first for p in people):
            continue
        cand = [p for p in people if p.kind not in ("other", "sales") and p.gender == gender and not p.flags]
        p = pick(rng, cand)
        p.country, p.first = country, first
        last = pick(rng, COUNTRIES[country]["last"])
        p.last = last[0] if isinstance(last, tuple) else last
        while p.name in taken:
            last = pick(rng, COUNTRIES[country]["last"])
            p.last = last[0] if isinstance(last, tuple) else last
        taken.add(p.name)
        p.location, p.tz = draw_location(rng, country, 0.0)
        if p.kind == "student" or (p.kind == "sci" and p.stage_i == 1):
            p.org = org_for(rng, p.kind, p.domain, country, p.stage_i)
        p.email = email_for(rng, p.first, p.last, p.org, p.kind, set(q.email for q in people))
        p.slack = slack_for(rng, p.first, p.last)
        p.linkedin = linkedin_for(rng, p.first, p.last)
        p.flags.append("accented")


def choose_similar(rng, people: list[Person]) -> None:
    for kind, n in SIMILAR_REQUESTS.items():
        cand = [p for p in people if p.kind == kind]
        for p in picks(rng, cand, n):
            p.similar = True


def submission_times(rng, n: int) -> list[dt.datetime]:
    """A round announced Monday 4 March 2024 with reminders on the 7th and the 11th, closing on the 13th."""
    bursts = [(dt.datetime(2024, 3, 4, 8, 30), 0.5, 30.0), (dt.datetime(2024, 3, 7, 9, 0), 0.25, 20.0),
              (dt.datetime(2024, 3, 11, 9, 0), 0.25, 24.0)]
    end = dt.datetime(2024, 3, 13, 23, 59, 59)
    out = []
    for _ in range(n):
        k = int(rng.choice(3, p=[b[1] for b in bursts]))
        start, _, scale = bursts[k]
        t = start + dt.timedelta(hours=float(rng.exponential(scale)), seconds=float(rng.integers(0, 60)))
        out.append(min(t, end - dt.timedelta(minutes=float(rng.integers(1, 600)))))
    return out


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def respondent_id(rng, taken: set[str]) -> str:
    while True:
        rid = "".join(pick(rng, ALNUM) for _ in range(6))
        if rid not in taken:
            taken.add(rid)
            return rid


def person_row(p: Person, when: dt.datetime, rid: str) -> dict:
    return {
        "Submitted at": when.strftime("%Y-%m-%d %H:%M:%S"),
        "Respondent ID": rid,
        "Your name ": p.name,
        "Your email address": p.email,
        "What is your Slack Handle?": p.slack,
        "Your LinkedIn URL": p.linkedin,
        "Where do you work? ": p.org,
        "Which option best represents your role?": p.role_answer,
        "How would you characterize your current career stage?": STAGES[p.stage_i],
        "Where are you based?": p.location,
        "Do you have a preference on who your buddy should be?": SIMILAR_YES if p.similar else "No",
        "Tweet-sized summary of yourself": p.summary,
        "What are your skills? In which fields do you specialize?": p.skills,
        "Describe what you want your buddy to be like.": p.wants,
        "Keep me registered for all future rounds.": KEEP_YES if p.keep else "",
    }


def make_coffee(rng) -> tuple[pd.DataFrame, list[Person], dict]:
    people = build_people(rng)
    plant_names(rng, people)
    choose_similar(rng, people)
    for p in people:
        p.org = display_org(rng, p.org, p.domain)
    # Compose text, keeping summaries unique.
    seen: set[str] = set()
    for p in people:
        for _ in range(50):
            s = make_summary(rng, p)
            if s.lower() not in seen:
                break
        seen.add(s.lower())
        p.summary = s
        p.skills = apply_voice(rng, make_skills(rng, p), "terse" if p.voice == "terse" else "formal", typo_p=0.03)
        p.wants = make_wants(rng, p)

    notes: dict = {}
    ordinary = [p for p in people if p.kind not in ("other", "sales") and not p.similar and not p.flags]

    def take(label: str) -> Person:
        p = pick(rng, [q for q in ordinary if not q.flags])
        p.flags.append(label)
        return p

    # Blank free-text answers: one summary, one skills, two buddy wishes.
    take("blank_summary").summary = ""
    take("blank_skills").skills = ""
    take("blank_wants").wants = ""
    take("blank_wants").wants = ""
    # A name typed with extra spaces.
    sp = take("spaces")
    # Two emails typed with capitals (the addresses themselves are unchanged).
    q = take("upper_email")
    local, domain = q.email.split("@")
    q.email = ".".join(cap(x) for x in local.split(".")) + "@" + domain      # Firstname.Lastname@...
    q = take("upper_email")
    q.email = q.email.upper()                                              # caps lock on
    # The multi-line answer with commas.
    ml = pick(rng, [q for q in ordinary if not q.flags and q.voice == "formal"])
    ml.flags.append("multiline")
    D = DOMAINS[ml.domain]
    ml.summary = (f"{cap(role_phrase(rng, ml))} at {org_ref(rng, ml.org)}, {act_for(rng, ml, with_org=True)}.\n"
                  f"Outside work: {pick(rng, ['cycling', 'cooking', 'choir', 'chess'])}, {pick(rng, ['two kids', 'a very loud dog', 'a slowly dying sourdough starter'])}, "
                  f"and way too many podcasts about {pick(rng, ['history', 'economics', 'true crime'])}.")

    # The duplicate submission: same person, email in different case, later, slightly edited.
    dup = take("duplicate")

    times = submission_times(rng, len(people))
    rids: set[str] = set()
    rows = []
    for p, t in zip(people, times):
        rows.append((t, p, person_row(p, t, respondent_id(rng, rids))))
    t0 = next(t for t, p, _ in rows if p is dup)
    if t0 > dt.datetime(2024, 3, 11, 12, 0):  # leave room for the resubmission
        t0 = t0 - dt.timedelta(days=4)
        for i, (t, p, r) in enumerate(rows):
            if p is dup:
                r["Submitted at"] = t0.strftime("%Y-%m-%d %H:%M:%S")
                rows[i] = (t0, p, r)
    t1 = t0 + dt.timedelta(days=1, hours=float(rng.uniform(2, 30)), seconds=float(rng.integers(0, 60)))
    first_row = next(r for t, p, r in rows if p is dup)
    dup_row = dict(first_row)
    dup_row["Submitted at"] = t1.strftime("%Y-%m-%d %H:%M:%S")
    dup_row["Respondent ID"] = respondent_id(rng, rids)
    local, domain = dup.email.split("@")
    dup_row["Your email address"] = ".".join(cap(x) for x in local.split(".")) + "@" + domain
    dup_row["Tweet-sized summary of yourself"] = sentence(first_row["Tweet-sized summary of yourself"]) + " " + pick(rng, ["(Edit: also happy to talk about career switches!)", "Edit: forgot to say I'm also into climbing.", "Also, I just started a new job, so ask me about onboarding!"])
    dup_row["Describe what you want your buddy to be like."] = cap(pick(rng, DOMAINS[dup.domain]["wants"]))
    rows.append((t1, dup, dup_row))

    # Extra spaces in the name happen in the export, not in the person.
    for t, p, r in rows:
        if p is sp:
            r["Your name "] = f" {p.first}  {p.last} "

    rows.sort(key=lambda x: x[0])
    df = pd.DataFrame([r for _, _, r in rows], columns=COFFEE_HEADERS)
    # Row numbers as a spreadsheet shows them (header = row 1).
    def rownum(pred) -> list[int]:
        return [i + 2 for i, (_, p, r) in enumerate(rows) if pred(p, r)]
    notes["rows"] = {
        "duplicate": rownum(lambda p, r: p is dup),
        "blank_summary": rownum(lambda p, r: "blank_summary" in p.flags),
        "blank_skills": rownum(lambda p, r: "blank_skills" in p.flags),
        "blank_wants": rownum(lambda p, r: "blank_wants" in p.flags),
        "spaces": rownum(lambda p, r: p is sp),
        "upper_email": rownum(lambda p, r: "upper_email" in p.flags),
        "multiline": rownum(lambda p, r: p is ml),
        "accented": rownum(lambda p, r: "accented" in p.flags or any(n in p.first for n in ("José", "Zoë", "Łukasz"))),
        "chief_vibes": rownum(lambda p, r: p.role_answer == "Chief Vibes Officer"),
        "other_roles": rownum(lambda p, r: p.kind == "other"),
        "sales_similar": rownum(lambda p, r: p.kind == "sales"),
    }
    notes["dup_emails"] = [first_row["Your email address"], dup_row["Your email address"]]
    notes["dup_name"] = dup.name
    notes["spaces_name"] = f" {sp.first}  {sp.last} "
    notes["upper_emails"] = [p.email for p in people if "upper_email" in p.flags]
    notes["accented_names"] = [p.name for p in people if any(n in p.first for n in ("José", "Zoë", "Łukasz"))]
    notes["similar_count"] = sum(p.similar for p in people)
    notes["rows_total"] = len(df)
    notes["unique"] = len(people)
    notes["role_counts"] = pd.Series([p.role_answer if p.kind != "other" else "Other (free text)" for p in people]).value_counts().to_dict()
    notes["stage_counts"] = pd.Series([STAGES[p.stage_i] for p in people]).value_counts().reindex(STAGES).to_dict()
    notes["similar_by_role"] = pd.Series([p.role_answer for p in people if p.similar]).value_counts().to_dict()
    notes["names_for_rows"] = {k: [rows[i - 2][1].name for i in v] for k, v in notes["rows"].items()}
    return df, people, notes


# =====================================================================================
# Coffee history
# =====================================================================================

def make_history(rng, people: list[Person]) -> tuple[pd.DataFrame, dict]:
    """Rounds 1-3 of earlier pairings among ~60% of current participants plus alumni."""
    n_hist = int(round(0.6 * len(people)))
    # People whose survey email has capitals (and the double submitter) are always in the history,
    # in lower case, so case-insensitive matching is exercised.
    must = [p for p in people if {"upper_email", "duplicate"} & set(p.flags)]
    current = must + picks(rng, [p for p in people if p not in must], n_hist - len(must))
    taken_names = {p.name for p in people}
    taken_emails = {p.email.lower() for p in people}
    alumni, alumni_names = [], []
    for _ in range(18):
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.42) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        alumni.append(email_for(rng, first, last, "", "alum", taken_emails))
        alumni_names.append(f"{first} {last}")
    # Each current person attends a non-empty set of the three rounds; later rounds are larger.
    attend = {r: [] for r in (1, 2, 3)}
    for p in current:
        rounds = [r for r, q in ((1, 0.42), (2, 0.55), (3, 0.7)) if chance(rng, q)] or [int(rng.choice([1, 2, 3], p=[0.2, 0.3, 0.5]))]
        for r in rounds:
            attend[r].append(p)
    alumni_attend = {1: picks(rng, alumni, 12), 2: picks(rng, alumni, 9), 3: picks(rng, alumni, 5)}
    met: set[frozenset] = set()
    rows = []
    for r in (1, 2, 3):
        people_r: list = list(attend[r]) + list(alumni_attend[r])
        if len(people_r) % 2:
            extra = [a for a in alumni if a not in alumni_attend[r]]
            people_r.append(pick(rng, extra))
        order = [people_r[i] for i in rng.permutation(len(people_r))]
        # Round 3 mostly paired people from the same domain, so the strongest matches today are repeats.
        same_domain_p = {1: 0.25, 2: 0.35, 3: 0.6}[r]
        pool = order
        while pool:
            a = pool.pop(0)
            choices = [b for b in pool if frozenset((key(a), key(b))) not in met]
            if isinstance(a, Person) and chance(rng, same_domain_p):
                same = [b for b in choices if isinstance(b, Person) and b.domain == a.domain]
                if same:
                    choices = same
            b = choices[0] if choices else pool[0]
            pool.remove(b)
            met.add(frozenset((key(a), key(b))))
            rows.append({"round": r, "email_a": key(a), "email_b": key(b)})
    df = pd.DataFrame(rows, columns=["round", "email_a", "email_b"])
    emails = set(df.email_a) | set(df.email_b)
    cur = {p.email.lower() for p in people}
    both_current = sum((a in cur) and (b in cur) for a, b in zip(df.email_a, df.email_b))
    same_dom = 0
    by_email = {p.email.lower(): p for p in people}
    for a, b, r in zip(df.email_a, df.email_b, df["round"]):
        if r == 3 and a in by_email and b in by_email and by_email[a].domain == by_email[b].domain:
            same_dom += 1
    notes = {
        "pairs": len(df), "pairs_by_round": df["round"].value_counts().sort_index().to_dict(),
        "current_in_history": len(emails & cur), "alumni_in_history": len(emails - cur),
        "both_current": both_current, "round3_same_domain": same_dom, "alumni_names": alumni_names,
        "must": [p.email.lower() for p in must],
    }
    return df, notes


def key(x) -> str:
    return x.email.lower() if isinstance(x, Person) else x


# =====================================================================================
# Mentoring program
# =====================================================================================

TOPICS = [
    "Career growth", "Breaking into ML", "Moving from data science to ML engineering", "MLOps / deploying models",
    "Data engineering", "LLMs and GenAI", "System design", "Interview prep", "Leadership and management",
    "Research vs industry", "Freelancing and consulting", "Working abroad / relocation", "Building a portfolio",
    "Public speaking and writing", "Startups",
]
MENTOR_PROFILES = [
    # (current role, domain, years, capacity, topics offered)
    ("Senior ML Engineer at a healthtech", "health", "9", 2, ["MLOps / deploying models", "Moving from data science to ML engineering", "Career growth", "Interview prep"]),
    ("Staff Data Scientist (fintech)", "fraud", "11", 2, ["Career growth", "Interview prep", "Moving from data science to ML engineering", "Working abroad / relocation"]),
    ("Head of Data, logistics scaleup", "data", "14", 3, ["Leadership and management", "Data engineering", "Career growth", "Startups"]),
    ("Principal Engineer - ML platform", "mlops", "17", 2, ["MLOps / deploying models", "System design", "Career growth"]),
    ("Engineering Manager, Search", "search", "12", 1, ["Leadership and management", "System design", "Interview prep"]),
    ("ML Lead @ an e-commerce company", "recsys", "ten", 2, ["MLOps / deploying models", "Building a portfolio", "Breaking into ML", "Interview prep"]),
    ("Independent consultant (MLOps)", "mlops", "13", 1, ["Freelancing and consulting", "MLOps / deploying models", "Startups"]),
    ("Director of Data Science", "growth", "16", 1, ["Leadership and management", "Career growth", "Public speaking and writing"]),
    ("Senior Data Engineer", "data", "7", 3, ["Data engineering", "Breaking into ML", "Building a portfolio", "Interview prep"]),
    ("Applied Research Scientist, NLP", "nlp", "8", 2, ["Research vs industry", "LLMs and GenAI", "Breaking into ML"]),
    ("LLM platform engineer, big insurance company", "llm", "6", 2, ["LLMs and GenAI", "MLOps / deploying models", "Building a portfolio"]),
    ("Computer vision lead at an agritech startup", "cv", "9", 1, ["Startups", "Research vs industry", "Breaking into ML"]),
    ("Founder & CTO (healthcare AI), ex-MLE", "health", "12", 1, ["Startups", "LLMs and GenAI", "Public speaking and writing"]),
    ("Senior MLE, robotics", "robotics", "8", 1, ["Breaking into ML", "Research vs industry", "Working abroad / relocation", "Career growth"]),
]
MENTEE_PROFILES = [
    # (current role, domain, years, goal key)
    ("Data analyst", "growth", "2", "ds_to_mle"), ("Bootcamp grad", "mlops", "0", "break_in"), ("Junior data engineer", "data", "1", "de_growth"),
    ("MSc student (AI)", "nlp", "0", "research"), ("Backend developer", "mlops", "4", "swe_to_ml"), ("Data scientist", "forecast", "3", "ds_to_mle"),
    ("QA engineer learning Python", "mlops", "3", "break_in"), ("Research assistant", "cv", "1", "research"), ("BI developer", "data", "4", "de_growth"),
    ("Junior MLE", "llm", "1", "llm"), ("Career switcher (ex-teacher)", "growth", "0", "break_in"), ("Physics PhD, leaving academia", "forecast", "1", "research"),
    ("Data science intern", "recsys", "0", "portfolio"), ("Junior data scientist", "fraud", "2", "interview"), ("Software engineer (mobile)", "edge", "4", "swe_to_ml"),
    ("Data analyst at a bank", "fraud", "3", "relocate"), ("ML engineer, 1st job", "cv", "1", "mlops"), ("CS undergrad", "llm", "0", "portfolio"),
    ("Analytics engineer", "data", "2", "lead"), ("Junior ML engineer", "mlops", "2", "mlops"), ("Product analyst", "growth", "2", "speaking"),
    ("Freelance data analyst", "growth", "3", "freelance"), ("Graduate student (robotics)", "robotics", "0", "research"), ("Data scientist, 2 yrs in", "health", "2", "startup"),
    ("Junior backend dev", "search", "1", "swe_to_ml"), ("Statistics MSc grad", "forecast", "0", "interview"),
]
GOALS = {
    "ds_to_mle": (["Moving from data science to ML engineering", "MLOps / deploying models", "Career growth"],
                  ["I want to move from analysis into ML engineering. I can build models in notebooks but I have no idea how they get to production",
                   "Make the jump from data science to MLE within a year, and understand what skills I'm missing"]),
    "break_in": (["Breaking into ML", "Building a portfolio", "Interview prep"],
                 ["I'm trying to get my first job in ML and I'd love help figuring out which projects are worth building",
                  "Land my first data/ML role. I've done courses but I don't know what 'job ready' actually looks like"]),
    "de_growth": (["Data engineering", "Career growth", "System design"],
                  ["Grow as a data engineer: better data modeling, and learn how senior people design pipelines",
                   "Get advice on going from building dashboards to owning real data pipelines"]),
    "research": (["Research vs industry", "Breaking into ML", "Career growth"],
                 ["Figure out whether to stay in research or move to industry, and what the switch looks like",
                  "Talk to someone who has done both research and industry ML before I decide on a PhD"]),
    "swe_to_ml": (["Breaking into ML", "MLOps / deploying models", "System design"],
                  ["I'm a software engineer who wants to move into ML. I think MLOps is the natural bridge but I'd love a reality check",
                   "Use my backend experience to get into ML infrastructure, and learn the ML basics properly"]),
    "llm": (["LLMs and GenAI", "MLOps / deploying models", "Career growth"],
            ["Learn how to build LLM features properly (evals, monitoring) instead of just prompting and hoping",
             "Get better at shipping LLM applications and understand where the field is heading"]),
    "portfolio": (["Building a portfolio", "Interview prep", "Breaking into ML"],
                  ["Feedback on my GitHub and CV, and help choosing one solid project instead of ten half-finished ones",
                   "Build a portfolio that gets me interviews for ML internships"]),
    "interview": (["Interview prep", "Career growth", "Working abroad / relocation"],
                  ["Prepare for ML/DS interviews - especially the system design and take-home parts",
                   "Practice interviews with someone who hires, and get honest feedback"]),
    "relocate": (["Working abroad / relocation", "Career growth", "Interview prep"],
                 ["I want to relocate to Europe in the next two years and would love advice from someone who has done it",
                  "Understand how to find a job abroad with visa sponsorship as a data person"]),
    "mlops": (["MLOps / deploying models", "System design", "Career growth"],
              ["Learn MLOps properly: CI/CD, monitoring, serving. At my company I'm the only one doing it",
               "Have someone to sanity-check my deployment setups and help me grow into a mid-level MLE"]),
    "lead": (["Leadership and management", "Career growth", "Data engineering"],
             ["I've just been asked to lead a small team and I have no idea what I'm doing. Help!",
              "Figure out whether management is for me and how to get there"]),
    "speaking": (["Public speaking and writing", "Career growth", "Leadership and management"],
                 ["Get more confident presenting results to leadership and maybe give my first meetup talk",
                  "Improve how I communicate and write about my work"]),
    "freelance": (["Freelancing and consulting", "Career growth", "Startups"],
                  ["Turn my freelancing into a sustainable business: pricing, finding clients, specialising",
                   "Learn from someone who has consulted independently in data/ML"]),
    "startup": (["Startups", "LLMs and GenAI", "Career growth"],
                ["I'm thinking about joining (or starting) a health-tech startup and want to talk to someone who has done it",
                 "Understand what working at an early-stage startup is like before I jump"]),
}
MENTOR_GIVE = [
    "Give back. I had great mentors early on and want to pay it forward",
    "I enjoy helping people navigate the first few years, and I learn a lot from mentees' questions",
    "Practice being a better mentor and manager outside my own team",
    "Meet people outside my company bubble and hear what's going on elsewhere",
    "Honestly, I wish someone had told me half of this stuff ten years ago",
    "Help people from non-traditional backgrounds get into ML, like I did",
    "Stay connected to what people starting out are struggling with",
]


WORK_BY_ROLE = [
    (("analyst", "BI "), ["SQL and dashboards", "reporting for the sales team", "ad-hoc analysis", "Excel models, lots of them"]),
    (("Backend", "backend", "Software engineer"), ["backend APIs", "microservices in Java", "the Android app"]),
    (("data engineer", "Analytics engineer"), ["ETL jobs", "dbt models and Airflow DAGs"]),
    (("QA",), ["test automation"]),
    (("Data scientist", "data scientist"), ["churn models", "forecasts in notebooks", "ad-hoc analysis", "fraud rules and reports"]),
    (("MLE", "ML engineer"), ["training pipelines", "model deployment", "labeling tooling"]),
]


def mentee_work(role: str) -> list[str]:
    for keys, work in WORK_BY_ROLE:
        if any(k in role for k in keys):
            return work
    return []


def make_mentoring(rng, taken_names: set[str]) -> tuple[pd.DataFrame, dict]:
    taken_emails: set[str] = set()
    rows = []
    mentor_rows = []
    for role, domain, years, capacity, topics in MENTOR_PROFILES:
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.45) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        loc, _ = draw_location(rng, country)
        D = DOMAINS[domain]
        voice = wpick(rng, {"formal": 0.6, "casual": 0.25, "enthusiastic": 0.15})
        about = join_sentences(f"{role}", cap(re.sub(r"[{}]", "", fresh(rng, D["acts"], key=("acts", domain)))), fresh(rng, MGMT_FRAGS) if re.search(r"Head|Director|Manager|Founder", role) and chance(rng, 0.6) else fresh(rng, PAST), fresh(rng, HOBBIES))
        tools = picks(rng, D["tools"], int(rng.integers(3, 6)))
        skills = pick(rng, [", ".join(tools) + f", {pick(rng, D['topics'])}",
                            f"{cap(pick(rng, D['topics']))}, {pick(rng, D['topics'])}, mentoring, {', '.join(tools[:2])}",
                            "; ".join(t.lower() for t in tools)])
        give = join_sentences(fresh(rng, MENTOR_GIVE), f"Happy to help with {' and '.join(low1(t) for t in topics[:2])}, or anything {D['short']}")
        offered = list(topics)
        if chance(rng, 0.25):
            offered.append(pick(rng, [t for t in TOPICS if t not in offered]))
        mentor_rows.append({
            "Email Address": email_for(rng, first, last, "", "mentor", taken_emails),
            "Full name": f"{first} {last}",
            "Are you joining as a mentor or a mentee?": "Mentor",
            "How many mentees can you take?": str(capacity),
            "Current role": role,
            "Years of experience": years,
            "Which city are you in?": loc,
            "Tell us about yourself": apply_voice(rng, about, voice, typo_p=0.08),
            "What are your skills? In which fields do you specialize?": skills,
            "What do you want to get out of this program?": apply_voice(rng, give, voice, typo_p=0.05),
            "Topics you'd like to talk about": ", ".join(t for t in TOPICS if t in offered),
        })
    mentee_rows = []
    for role, domain, years, goal in MENTEE_PROFILES:
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.45) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        loc, _ = draw_location(rng, country, 0.08)
        D = DOMAINS[domain]
        topics, asks = GOALS[goal]
        voice = wpick(rng, {"formal": 0.4, "casual": 0.35, "enthusiastic": 0.25})
        city = re.split(r"[,(—]", loc)[0].strip()
        odd_place = loc.startswith(("Remote", "digital"))
        yrs = {"0": "just starting out", "1": "one year in"}.get(years, f"{years} years in")
        intros = [f"{role}, {yrs}"] if re.search(r"\d|job", role) is None else [role]
        if not odd_place and ("," in role or " learning " in role):
            intros += [f"{role}. Based in {city}"]
        elif not odd_place:
            intros += [f"{role} based in {city}", f"I'm {art(role)} {low1(role)} from {city}"]
        intro = pick(rng, intros)
        work = mentee_work(role)
        interests = [f"Really interested in {D['label']}", f"Lately I've been reading a lot about {pick(rng, D['topics'])}",
                     f"Side project: {fresh(rng, D['side'])}"]
        if work:
            interests.append(f"At work I mostly do {pick(rng, work)}, but I want to get into {D['short']}")
        interest = pick(rng, interests)
        about = join_sentences(intro, interest, fresh(rng, HOBBIES) if chance(rng, 0.5) else "")
        tools = picks(rng, D["tools"], int(rng.integers(2, 4))) + picks(rng, ["Python", "SQL", "Excel", "Git", "pandas"], 2)
        tools = list(dict.fromkeys(tools))
        new = [t for t in D["tools"] if t not in tools] or ["Docker"]
        skills = pick(rng, [", ".join(tools), "; ".join(t.lower() for t in tools), ", ".join(tools) + " (beginner)", f"{', '.join(tools)}, learning {pick(rng, new)}"])
        chosen = list(topics[: int(rng.integers(2, 4))])
        if chance(rng, 0.3):
            chosen.append(pick(rng, [t for t in TOPICS if t not in chosen]))
        mentee_rows.append({
            "Email Address": email_for(rng, first, last, "", "mentee", taken_emails),
            "Full name": f"{first} {last}",
            "Are you joining as a mentor or a mentee?": "Mentee",
            "How many mentees can you take?": "",
            "Current role": role,
            "Years of experience": years,
            "Which city are you in?": loc,
            "Tell us about yourself": apply_voice(rng, about, voice, typo_p=0.12),
            "What are your skills? In which fields do you specialize?": skills,
            "What do you want to get out of this program?": apply_voice(rng, pick(rng, asks), voice, typo_p=0.1),
            "Topics you'd like to talk about": ", ".join(t for t in TOPICS if t in chosen),
        })
    rows = mentor_rows + mentee_rows
    # Google Forms: mentors were asked first (first week), mentees over two weeks.
    start = dt.datetime(2024, 3, 4, 10, 0)
    stamps = []
    for r in rows:
        days = rng.uniform(0, 7) if r["Are you joining as a mentor or a mentee?"] == "Mentor" else rng.uniform(1, 14)
        stamps.append(start + dt.timedelta(days=float(days), seconds=float(rng.integers(0, 60))))
    order = np.argsort(np.array(stamps, dtype="datetime64[s]"), kind="stable")
    out = []
    for i in order:
        t = stamps[i]
        r = dict(rows[i])
        r["Timestamp"] = f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
        out.append(r)
    df = pd.DataFrame(out, columns=MENTORING_HEADERS)
    mentors = df[df["Are you joining as a mentor or a mentee?"] == "Mentor"]
    notes = {
        "rows": len(df), "mentors": len(mentors), "mentees": len(df) - len(mentors),
        "capacity": int(mentors["How many mentees can you take?"].astype(int).sum()),
        "messy_years_row": int(df.index[df["Years of experience"] == "ten"][0]) + 2,
        "mentor_years": (int(pd.to_numeric(mentors["Years of experience"], errors="coerce").min()),
                         int(pd.to_numeric(mentors["Years of experience"], errors="coerce").max())),
        "mentee_years": (int(pd.to_numeric(df.loc[~df.index.isin(mentors.index), "Years of experience"]).min()),
                         int(pd.to_numeric(df.loc[~df.index.isin(mentors.index), "Years of experience"]).max())),
        "topics": {t: (int(mentors["Topics you'd like to talk about"].str.contains(t, regex=False).sum()),
                       int(mentors["How many mentees can you take?"].astype(int)[mentors["Topics you'd like to talk about"].str.contains(t, regex=False)].sum()),
                       int(df.loc[~df.index.isin(mentors.index), "Topics you'd like to talk about"].str.contains(t, regex=False).sum()))
                   for t in TOPICS},
        "messy_years_name": df.loc[df["Years of experience"] == "ten", "Full name"].iloc[0],
    }
    return df, notes


# =====================================================================================
# Writers
# =====================================================================================

def write_csv(df: pd.DataFrame, path: Path) -> None:
    path.write_bytes(df.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """XLSX with fixed document times and zip entry dates, so reruns are byte-identical."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name="Responses")
        ws = xw.sheets["Responses"]
        for col, width in zip("ABCDEFGHIJKLMNO", [19, 10, 24, 32, 18, 40, 24, 26, 26, 22, 18, 60, 50, 50, 20]):
            ws.column_dimensions[col].width = width
        props = xw.book.properties
        props.creator = "Pairwise sample generator"
        props.created = props.modified = dt.datetime(2024, 3, 14, 9, 0, 0)
    fixed = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = fixed.sub(rb"<dcterms:\1\2>2024-03-14T09:00:00Z</dcterms:\1>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 14, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())


def self_check(coffee: pd.DataFrame, history: pd.DataFrame, mentoring: pd.DataFrame, cn: dict, hn: dict, mn: dict) -> None:
    """Fail loudly if a documented property of the samples does not hold."""
    assert list(coffee.columns) == COFFEE_HEADERS and list(mentoring.columns) == MENTORING_HEADERS
    emails = coffee["Your email address"].str.lower()
    assert emails.nunique() == cn["unique"] == len(coffee) - 1 and cn["unique"] % 2 == 1
    dup = emails[emails.duplicated(keep=False)]
    assert len(dup) == 2 and coffee.loc[dup.index, "Your email address"].nunique() == 2  # same address, different case
    multiline = coffee.apply(lambda col: col.astype(str).str.contains("\n")).to_numpy().sum()
    assert multiline == 1, multiline
    summaries = coffee["Tweet-sized summary of yourself"].str.lower()
    filled = summaries[summaries != ""].drop(dup.index[1:])
    assert filled.is_unique, filled[filled.duplicated()].tolist()
    for col in ("Tweet-sized summary of yourself", "What are your skills? In which fields do you specialize?",
                "Describe what you want your buddy to be like."):
        assert (coffee[col] != "").sum() >= len(coffee) - 2
    assert "{" not in coffee.to_csv() and "{" not in mentoring.to_csv()
    sales = coffee[coffee["Which option best represents your role?"] == "Sales and Marketing"]
    assert len(sales) == 1 and sales.iloc[0]["Do you have a preference on who your buddy should be?"] == SIMILAR_YES
    pairs = [frozenset(x) for x in zip(history.email_a, history.email_b)]
    assert len(pairs) == len(set(pairs)), "a pair repeats across rounds"
    for r, g in history.groupby("round"):
        people = list(g.email_a) + list(g.email_b)
        assert len(people) == len(set(people)), f"someone is paired twice in round {r}"
    assert (history.email_a == history.email_a.str.lower()).all() and (history.email_b == history.email_b.str.lower()).all()
    assert set(hn["must"]) <= set(history.email_a) | set(history.email_b)
    assert mn["capacity"] < mn["mentees"]
    assert (mentoring["Years of experience"] == "ten").sum() == 1


def fmt_rows(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows)


def write_readme(path: Path, coffee: pd.DataFrame, cn: dict, hn: dict, mn: dict, hist: pd.DataFrame) -> None:
    r = cn["rows"]
    names = cn["names_for_rows"]
    role_lines = "\n".join(f"| {k} | {v} | {cn['similar_by_role'].get(k, 0)} |" for k, v in sorted(cn["role_counts"].items(), key=lambda kv: -kv[1]))
    stage_lines = "\n".join(f"| {k} | {v} |" for k, v in cn["stage_counts"].items())
    topic_lines = "\n".join(f"| {t} | {a} | {b} | {c} |" for t, (a, b, c) in mn["topics"].items())
    other_lines = "\n".join(f"  - row {row}: \"{coffee.iloc[row - 2]['Which option best represents your role?']}\"" for row in r["other_roles"])
    text = f"""# Sample data

Bundled example inputs for Pairwise. **Every person here is fabricated**: names are random
first-name/surname combinations drawn per country, and employers and email domains are invented
(only gmail.com, outlook.com and yahoo.com are real domains; a few real universities appear only as
students' "where do you work" answers). Any resemblance to real people or companies is accidental.

This README is written by `make_samples.py` together with the data, because the row numbers below
depend on the random draw.

## Regenerating

```bash
python sample_data/make_samples.py          # or: .venv/bin/python sample_data/make_samples.py
```

The script uses one `numpy.random.Generator(PCG64)` seeded with `SEED = {SEED}` and passes it
explicitly to every function; global random state is never used. With the same NumPy version
(generated with NumPy {np.__version__}, pandas {pd.__version__}) a rerun rewrites every file byte for byte,
including the XLSX (its document timestamps and zip dates are pinned). Row numbers below are
spreadsheet rows: the header is row 1, the first answer row 2.

| File | Rows (excluding header) | What it is |
|---|---|---|
| `coffee_round.csv` | {cn['rows_total']} | Tally-style export of a virtual-coffee round ({cn['unique']} unique people + 1 duplicate submission) |
| `coffee_round.xlsx` | {cn['rows_total']} | The same data as an Excel workbook (sheet "Responses") for the XLSX upload path |
| `coffee_history.csv` | {hn['pairs']} | Pairings from rounds 1-3 of the same program (`round,email_a,email_b`; round 3 is the most recent) |
| `mentoring.csv` | {mn['rows']} | Google-Forms-style export of a mentor/mentee program ({mn['mentors']} mentors, {mn['mentees']} mentees) |
| `make_samples.py` | | The generator |

All files are UTF-8 without a BOM and use `\\n` line endings.

## How the people are made

Each participant is a persona: a role (with realistic counts per role), a career stage consistent
with that role, a domain (recommender systems, LLMs in production, computer vision, fraud/risk,
healthcare ML, data engineering, MLOps platforms, NLP, forecasting, edge ML, robotics, product
analytics, search), a handful of tools from that domain (Kubeflow, MLflow, Airflow, dbt, Spark, Ray,
PyTorch, Kubernetes, Terraform, Feast, vLLM, LangChain, Snowflake, BigQuery, Databricks, ...), an
employer, a location typed the way people type it ("Bengaluru, India", "NYC", "London UK", "Kraków,
Poland", "Remote", ...) and a writing voice (formal, casual/lowercase, terse, enthusiastic).

The three free-text answers are composed from that persona using several hundred hand-written
fragments (domain activities, opinions, past careers, hobbies, things being learned, buddy wishes by
domain / seniority / role / timezone) and about fifteen sentence templates, then passed through the
voice (lower-casing, dropped full stops, the odd emoji) and an occasional typo. People in the same
domain share vocabulary, so the embedding model finds real structure; no two summaries are identical.
A few buddy wishes are written in Spanish or Portuguese, as happens in real international surveys.

## `coffee_round.csv`

Headers are exactly those of the real export, including the trailing spaces in `"Your name "` and
`"Where do you work? "`. The role answer spells the researcher option `"ML Scientist / Researcher"`
(with spaces around the slash), as the form does.

**Participants: {cn['unique']} unique people in {cn['rows_total']} data rows** (one person submitted twice).
{cn['unique']} is odd, so the odd-count handling (trio or bye) is always exercised.

| Role answer | People | Asked for a similar role |
|---|---|---|
{role_lines}

"{SIMILAR_YES}" was chosen by {cn['similar_count']} people (~{round(100 * cn['similar_count'] / cn['unique'])}%); the rest answered "No".

| Career stage | People |
|---|---|
{stage_lines}

### Planted messiness

| What | Row(s) | Details |
|---|---|---|
| Duplicate submission | {fmt_rows(r['duplicate'])} | {names['duplicate'][0]} submitted twice: `{cn['dup_emails'][0]}` then `{cn['dup_emails'][1]}` (same address, different case), a day or two later, new Respondent ID, summary with an added "edit" sentence and a different buddy wish. The later row should win. |
| Blank summary | {fmt_rows(r['blank_summary'])} | {names['blank_summary'][0]} left "Tweet-sized summary of yourself" empty. |
| Blank skills | {fmt_rows(r['blank_skills'])} | {names['blank_skills'][0]} left the skills question empty. |
| Blank buddy wish | {fmt_rows(r['blank_wants'])} | {' and '.join(names['blank_wants'])} left "Describe what you want your buddy to be like." empty. |
| Name with extra spaces | {fmt_rows(r['spaces'])} | Typed as `"{cn['spaces_name']}"` (leading, doubled and trailing spaces). |
| Emails with capitals | {fmt_rows(r['upper_email'])} | `{'`, `'.join(cn['upper_emails'])}`; `coffee_history.csv` has both people in lower case, so history matching must be case-insensitive. |
| Accented names | {fmt_rows(r['accented'])} | {', '.join(cn['accented_names'])}. The file is UTF-8; note that "Ł" is not in Windows-1252, so a cp1252 fallback would mangle it. Many other rows contain accents too (São Paulo, Kraków, Müller, ...). |
| Quoted field with commas and a newline | {fmt_rows(r['multiline'])} | {names['multiline'][0]}'s summary spans two lines and contains commas (the only multi-line cell in the file). |
| Free-text role that fits no category | {fmt_rows(r['chief_vibes'])} | "Chief Vibes Officer". |
| Rare role asking for a similar role | {fmt_rows(r['sales_similar'])} | {names['sales_similar'][0]} is the only "Sales and Marketing" respondent and asked for "{SIMILAR_YES}". Under the default peer-affinity table no other role counts as similar to Sales and Marketing, so this request cannot be met; every other similar-role request comes from a role with 10+ people. |

Other free-text role answers ("Other" typed in), which a role normaliser may map to a category
(e.g. "Analytics engineer" to Data Engineer) or leave as Other; if a normaliser maps "Developer
Advocate" to Sales and Marketing, the rare request above becomes satisfiable:
{other_lines}

Other realistic variation that is not a planted error: some LinkedIn URLs are blank or carry
`?utm_source=share...` tails, a few Slack handles are blank or "not on slack yet", employers are
sometimes generic ("a fintech startup", "Freelance", "Stealth"), and "Keep me registered" is blank for
about a third of people.

## `coffee_history.csv`

Columns `round,email_a,email_b`; rounds 1, 2 and 3 (3 is the most recent), {hn['pairs']} pairs in total
({', '.join(f'round {k}: {v}' for k, v in hn['pairs_by_round'].items())}).

- {hn['current_in_history']} of the {cn['unique']} current participants (~{round(100 * hn['current_in_history'] / cn['unique'])}%) appear in at least one earlier round,
  always by their lower-cased email (including the two people who typed capitals and the double
  submitter: `{'`, `'.join(hn['must'])}`).
- {hn['alumni_in_history']} addresses belong to earlier participants who did not sign up this time;
  pairs naming them should be ignored (with at most a warning).
- {hn['both_current']} pairs have both people in the current survey, so a no-repeat rule removes real options.
- Round 3 deliberately paired many people from the same domain ({hn['round3_same_domain']} round-3 pairs of
  current participants share a domain), so several of today's most similar pairs are recent repeats.
- No pair appears in more than one round.

## `mentoring.csv`

Google Forms export (timestamps like `3/4/2024 14:22:10`, month/day/year) of a
{mn['rows']}-person program: {mn['mentors']} mentors and {mn['mentees']} mentees.

- Mentors state a capacity of 1-3 mentees; the total is **{mn['capacity']}**, below the {mn['mentees']} mentees,
  so at least {mn['mentees'] - mn['capacity']} mentees cannot be matched.
- "How many mentees can you take?" is blank for mentees.
- Years of experience are numbers (mentors {mn['mentor_years'][0]}-{mn['mentor_years'][1]}, mentees {mn['mentee_years'][0]}-{mn['mentee_years'][1]}) except row {mn['messy_years_row']}, where
  mentor {mn['messy_years_name']} typed **"ten"**.
- "Topics you'd like to talk about" is a checkbox question, exported as a comma-separated list from
  the same 15 options for both sides. Mentee goals were written to overlap with what the mentors
  offer, but not evenly:

| Topic | Mentors offering | Their total capacity | Mentees asking |
|---|---|---|---|
{topic_lines}

- Roles are free text ("Senior ML Engineer at a healthtech", "Bootcamp grad", "Physics PhD, leaving academia").

## `coffee_round.xlsx`

The coffee-round rows exactly as in the CSV, written with openpyxl to a single sheet named
"Responses" (the multi-line cell is a real line break inside the cell).
"""
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: this folder)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    _USED.clear()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    coffee, people, cn = make_coffee(rng)
    history, hn = make_history(rng, people)
    used = {p.name for p in people} | set(hn["alumni_names"])
    mentoring, mn = make_mentoring(rng, used)

    self_check(coffee, history, mentoring, cn, hn, mn)
    write_csv(coffee, args.out / "coffee_round.csv")
    write_xlsx(coffee, args.out / "coffee_round.xlsx")
    write_csv(history, args.out / "coffee_history.csv")
    write_csv(mentoring, args.out / "mentoring.csv")
    if args.out.resolve() == HERE and args.seed == SEED:
        write_readme(args.out / "README.md", coffee, cn, hn, mn, history)
    print(f"coffee_round.csv: {len(coffee)} rows ({cn['unique']} unique people)")
    print(f"coffee_history.csv: {len(history)} pairs")
    print(f"mentoring.csv: {len(mentoring)} rows ({mn['mentors']} mentors, capacity {mn['capacity']}; {mn['mentees']} mentees)")


if __name__ == "__main__":
    main()
