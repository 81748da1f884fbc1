"""Plain data the demo is built from: names, industries, job titles, words.

No Django import: the builders in `ips.demo` draw from these with a seeded
`random.Random`, so the same seed always gives the same demo.
"""

from __future__ import annotations

from dataclasses import dataclass

SEED = 20260101
DEMO_PASSWORD = "ips-demo-2026"  # printed by seed_demo on purpose
# Michigan's minimum wage from 21 February 2026 (Public Act 2 of 2025).
MICHIGAN_MINIMUM_WAGE = "13.73"


@dataclass(frozen=True)
class ProgramSpec:
    slug: str
    name: str
    zip: str
    counties: tuple[str, ...]
    teams: tuple[str, ...]
    specialists: int
    coaches: int


PROGRAMS = (
    ProgramSpec(
        slug="wayne-ips",
        name="Wayne County IPS Team",
        zip="48201",
        counties=("Wayne County",),
        teams=("Midtown ACT Team", "Eastside Recovery Team", "Dearborn Community Team"),
        specialists=5,
        coaches=2,
    ),
    ProgramSpec(
        slug="oakland-macomb-ips",
        name="Oakland-Macomb IPS Team",
        zip="48342",
        counties=("Oakland County", "Macomb County"),
        teams=("Pontiac Outpatient Team", "Warren Wellness Team", "Royal Oak ACT Team"),
        specialists=3,
        coaches=1,
    ),
)

# (username, first, last, role, program slugs). The first of each role is the printed login.
STAFF = (
    ("specialist", "Maria", "Lopez", "specialist", ("wayne-ips",)),
    ("dwashington", "Darnell", "Washington", "specialist", ("wayne-ips",)),
    ("akhan", "Aisha", "Khan", "specialist", ("wayne-ips",)),
    ("tnguyen", "Thanh", "Nguyen", "specialist", ("wayne-ips",)),
    ("rkowalski", "Rebecca", "Kowalski", "specialist", ("wayne-ips",)),
    ("jbrooks", "Jerome", "Brooks", "specialist", ("oakland-macomb-ips",)),
    ("lmurphy", "Laura", "Murphy", "specialist", ("oakland-macomb-ips",)),
    ("shaddad", "Sami", "Haddad", "specialist", ("oakland-macomb-ips",)),
    ("coach", "Keisha", "Johnson", "coach", ("wayne-ips",)),
    ("pdombrowski", "Paul", "Dombrowski", "coach", ("wayne-ips",)),
    ("mgarcia", "Miguel", "Garcia", "coach", ("oakland-macomb-ips",)),
    ("supervisor", "Angela", "Carter", "supervisor", ("wayne-ips",)),
    ("bwilson", "Brian", "Wilson", "supervisor", ("oakland-macomb-ips",)),
    ("director", "Denise", "Hamilton", "director", ("wayne-ips", "oakland-macomb-ips")),
)
SEEKER_USERNAME = "seeker"
ADMIN_USERNAME = "admin"

FIRST_NAMES = (
    "James", "Tanya", "Marcus", "Jasmine", "Robert", "Latoya", "David", "Ashley", "Andre",
    "Nicole", "Kevin", "Brittany", "Anthony", "Crystal", "Terrell", "Amanda", "Jose", "Rosa",
    "Mohammed", "Fatima", "Ali", "Layla", "Hussein", "Zainab", "Michael", "Sarah", "Christopher",
    "Jessica", "Brandon", "Tiffany", "Daniel", "Heather", "Jamal", "Monique", "Eric", "Rachel",
    "Tyrone", "Danielle", "Carlos", "Maribel", "Steven", "Kimberly", "Derrick", "Shanice",
    "Patrick", "Megan", "Luis", "Ana", "Omar", "Noor", "Gary", "Linda", "Dwayne", "Erica",
    "Justin", "Kayla", "Raymond", "Yolanda", "Victor", "Gloria",
)  # fmt: skip
LAST_NAMES = (
    "Williams", "Johnson", "Brown", "Jones", "Davis", "Miller", "Wilson", "Moore", "Taylor",
    "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Robinson", "Lewis",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    "Hill", "Campbell", "Mitchell", "Roberts", "Turner", "Phillips", "Parker", "Evans", "Edwards",
    "Collins", "Stewart", "Sanchez", "Morris", "Rogers", "Reed", "Cook", "Morgan", "Bell",
    "Bazzi", "Saad", "Fawaz", "Hammoud", "Nowak", "Wozniak", "Kaminski", "Ramirez", "Flores",
    "Gutierrez", "Pham", "Tran", "Hernandez", "Gonzalez",
)  # fmt: skip

PLACES = (
    "Woodward", "Gratiot", "Corktown", "Midtown", "Riverside", "Lakeside", "Great Lakes",
    "Motor City", "Eastern Market", "Rouge River", "Clinton River", "Belle Isle", "Greenfield",
    "Telegraph", "Eight Mile", "Livernois", "Michigan Avenue", "Northland", "Dequindre",
    "Van Dyke", "Hall Road", "Maple Road", "Cass", "Grand River", "Packard", "Fairlane",
    "Huron Valley", "Lake St. Clair", "Wolverine", "Mitten",
)  # fmt: skip


@dataclass(frozen=True)
class Industry:
    key: str
    label: str
    nouns: tuple[str, ...]
    # (O*NET-SOC code, the title an employer would put on the job)
    jobs: tuple[tuple[str, str], ...]
    wage: tuple[float, float]  # dollars above the minimum wage (low, high)
    schedules: tuple[str, ...]


INDUSTRIES = (
    Industry(
        "restaurant",
        "Restaurants and food service",
        ("Diner", "Grill", "Coney Island", "Pizzeria", "Taqueria", "Kitchen", "Café"),
        (
            ("35-2014.00", "Line Cook"),
            ("35-2021.00", "Prep Cook"),
            ("35-9021.00", "Dishwasher"),
            ("35-3031.00", "Server"),
            ("35-3023.00", "Counter Attendant"),
            ("35-9011.00", "Busser"),
            ("35-3023.01", "Barista"),
        ),
        (0.0, 3.5),
        ("daytime", "evenings", "weekends", "mixed"),
    ),
    Industry(
        "grocery",
        "Grocery",
        ("Market", "Grocers", "Fresh Foods", "Food Center"),
        (
            ("41-2011.00", "Cashier"),
            ("53-7065.00", "Stocker"),
            ("51-3011.00", "Bakery Clerk"),
            ("35-2021.00", "Deli Clerk"),
        ),
        (0.0, 3.0),
        ("daytime", "evenings", "nights", "weekends", "mixed"),
    ),
    Industry(
        "retail",
        "Retail",
        ("Hardware", "Thrift Store", "Books", "Pet Supply", "Home Goods", "Outfitters"),
        (
            ("41-2031.00", "Sales Associate"),
            ("41-2011.00", "Cashier"),
            ("53-7065.00", "Stock Associate"),
            ("41-2021.00", "Rental Counter Clerk"),
        ),
        (0.0, 3.0),
        ("daytime", "evenings", "weekends", "flexible"),
    ),
    Industry(
        "warehouse",
        "Warehousing and logistics",
        ("Logistics", "Distribution", "Freight", "Supply Co."),
        (
            ("53-7062.00", "Warehouse Associate"),
            ("43-5071.00", "Receiving Clerk"),
            ("51-9111.00", "Packer"),
            ("53-7065.00", "Order Picker"),
            ("43-5021.00", "Courier"),
        ),
        (2.0, 6.0),
        ("daytime", "evenings", "nights", "mixed"),
    ),
    Industry(
        "manufacturing",
        "Manufacturing",
        ("Tool & Die", "Plastics", "Metal Works", "Auto Components", "Manufacturing"),
        (
            ("51-2092.00", "Assembler"),
            ("51-9198.00", "Production Helper"),
            ("51-9061.00", "Quality Inspector"),
            ("51-9111.00", "Machine Tender"),
        ),
        (3.0, 8.0),
        ("daytime", "evenings", "nights"),
    ),
    Industry(
        "care",
        "Health and care",
        ("Senior Living", "Care Center", "Home Care", "Medical Group", "Family Dental"),
        (
            ("31-1122.00", "Personal Care Aide"),
            ("31-1131.00", "Nursing Assistant"),
            ("43-4171.00", "Front Desk Receptionist"),
            ("35-2012.00", "Dietary Aide"),
            ("37-2012.00", "Housekeeping Aide"),
        ),
        (1.0, 5.0),
        ("daytime", "evenings", "weekends", "mixed"),
    ),
    Industry(
        "hospitality",
        "Hotels",
        ("Hotel", "Inn", "Suites"),
        (
            ("37-2012.00", "Room Attendant"),
            ("43-4081.00", "Front Desk Clerk"),
            ("37-2011.00", "Houseperson"),
            ("35-9021.00", "Kitchen Steward"),
        ),
        (0.5, 3.5),
        ("daytime", "evenings", "weekends", "mixed"),
    ),
    Industry(
        "services",
        "Building and vehicle services",
        ("Cleaning Services", "Landscaping", "Car Wash", "Auto Repair", "Property Management"),
        (
            ("37-2011.00", "Custodian"),
            ("37-3011.00", "Landscape Crew Member"),
            ("53-7061.00", "Car Wash Attendant"),
            ("49-9071.00", "Maintenance Helper"),
            ("49-3023.00", "Lube Technician"),
        ),
        (0.5, 5.0),
        ("daytime", "evenings", "weekends"),
    ),
    Industry(
        "office",
        "Offices and banking",
        ("Insurance Agency", "Credit Union", "Law Office", "Print & Copy"),
        (
            ("43-9061.00", "Office Clerk"),
            ("43-4171.00", "Receptionist"),
            ("43-4051.00", "Customer Service Representative"),
            ("43-9021.00", "Data Entry Clerk"),
            ("43-3071.00", "Teller"),
        ),
        (2.0, 7.0),
        ("daytime", "flexible"),
    ),
    Industry(
        "community",
        "Community, animals and childcare",
        ("Animal Hospital", "Child Care Center", "Community Center", "Library Friends"),
        (
            ("39-2021.00", "Kennel Assistant"),
            ("39-9011.00", "Childcare Assistant"),
            ("43-4121.00", "Library Page"),
            ("21-1093.00", "Program Aide"),
        ),
        (0.5, 4.0),
        ("daytime", "weekends", "flexible"),
    ),
)

STREETS = (
    "Woodward Ave", "Gratiot Ave", "Michigan Ave", "Grand River Ave", "Jefferson Ave",
    "Telegraph Rd", "Van Dyke Ave", "Main St", "Maple Rd", "Ford Rd", "Warren Ave",
    "Eight Mile Rd", "Twelve Mile Rd", "Hall Rd", "Schoenherr Rd", "Livernois Ave",
)  # fmt: skip
PERSON_TITLES = (
    "Store Manager", "Hiring Manager", "Owner", "Shift Supervisor", "HR Generalist",
    "General Manager", "Kitchen Manager", "Operations Manager",
)  # fmt: skip

STRENGTHS = (
    "Reliable and on time", "Friendly with customers", "Works hard and steadily",
    "Good with numbers", "Careful and detail-minded", "Strong and enjoys physical work",
    "Calm under pressure", "Learns quickly by doing", "Good with animals", "Patient with people",
    "Bilingual (English and Spanish)", "Bilingual (English and Arabic)", "Creative",
)  # fmt: skip
INTERESTS = (
    "cooking", "cars", "music", "being outdoors", "helping people", "animals", "computers",
    "fixing things", "sports", "art and drawing", "gardening", "reading", "fashion",
)  # fmt: skip
SUPPORTS = (
    "A reminder text the evening before a shift",
    "Meeting the supervisor together in the first week",
    "Help planning the bus route",
    "Regular check-ins with the job coach away from work",
    "Talking through problems before they grow",
    "Support from my sister with mornings",
)  # fmt: skip
REFERRAL_SOURCES = (
    "Mental-health team", "Self-referral", "Family member", "Peer support specialist",
    "Psychiatrist", "Clubhouse",
)  # fmt: skip
CONTACT_NOTES = {
    "learn_needs": (
        "Met the manager to learn what they look for in new hires.",
        "Toured the floor; they struggle to keep weekend staff.",
        "Asked about busy seasons and which roles turn over most.",
    ),
    "follow_up": (
        "Dropped by to thank them for the last meeting.",
        "Checked back on the opening they mentioned.",
        "Followed up with the owner; hiring again next month.",
    ),
    "introduce_seeker": (
        "Introduced a job seeker who is keen on this kind of work.",
        "Talked up a candidate's reliability and customer skills.",
    ),
    "ask_interview": (
        "Asked for an interview for a job seeker; manager agreed.",
        "Requested a working interview for a candidate.",
    ),
    "drop_application": ("Dropped off an application with a job seeker.",),
    "other": ("Brought donuts and caught up with the team.",),
}
NEXT_STEPS = (
    "Call the manager back next week",
    "Bring a job seeker to meet the owner",
    "Send the hiring manager a thank-you note",
    "Ask about the weekend shift opening",
    "Check in after their new-store opening",
)  # fmt: skip
SUPPORT_NOTES = (
    "Visited at break; going well, likes the team.",
    "Talked through a schedule change with the worker.",
    "Met the supervisor with the worker; good feedback.",
    "Helped plan the new bus route after the shift change.",
    "Reported earnings to benefits together.",
    "Problem-solved a disagreement with a co-worker.",
    "Talked about asking for more hours.",
)  # fmt: skip
DOMAIN_STRENGTHS = {
    "daily_living": "Cooks for themself most days.",
    "symptom_management": "Knows their early warning signs.",
    "social_supports": "Close to a sister and a friend from the clubhouse.",
    "interpersonal": "Friendly and easy to talk with.",
    "finances": "Keeps a simple budget.",
    "resources": "Uses the library and food pantry.",
    "housing": "Stable apartment for two years.",
    "education": "Finished high school; interested in a certificate.",
    "employment": "Worked in food service before.",
    "justice": "No current involvement.",
    "transportation": "Knows the bus routes well.",
}
GOALS = (
    ("employment", "Get a part-time job where I can be around people"),
    ("transportation", "Get my state ID and a bus pass"),
    ("finances", "Understand how working affects my SSI"),
    ("education", "Start a food handler's certificate"),
    ("social_supports", "See friends at least once a week"),
    ("housing", "Find a place closer to the bus line"),
)  # fmt: skip
