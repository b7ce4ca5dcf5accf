"""A small rule-based classifier of what happened in a report (air strike, shooting, withdrawal, protest, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# What strikes a pedestrian, as the "struck by" and "hit by" cues of an accident name it.
_STRUCK_BY = (
    "vehicle|car$|driver|truck|van$|suv$|bus$|train$|tram$|ute$|lorry|motorbike|motorcycle|taxi|minibus|scooter"
    "|pickup|pickups$|pick-up|jeep|jeeps$|tractor|tipper|trailer|tempo$|tricycle|rickshaw|autorickshaw"
)
# Drugs by the names South and South-East Asia's police give them: methamphetamine pills ("yaba") and crystals
# ("shabu"), codeine syrup ("phensedyl"), cannabis resin ("charas").
_LOCAL_DRUGS = "shabu|yaba$|phensedyl|charas$"

# Cues are phrases of word prefixes ("withdr" matches "withdrew", "withdrawal"); "a|b" lists alternatives for one word
# and a trailing "$" asks for the whole word. Every cue found adds its weight; specific cues weigh more.
CATEGORY_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "chemical_attack": (
        ("chemical weapon|attack|strike|agent", 3.0),
        ("sarin|chlorine", 2.5),
        ("nerve agent", 2.5),
        ("toxic|poison gas", 2.5),
    ),
    "air_strike": (
        ("air strike|raid|attack", 3.0),
        ("airstrike|airstrikes$|airraid", 3.0),
        ("warplane", 2.0),
        ("jets$|drone$|drones$|helicopters$|warplanes$ bomb|struck$|hit$|attack|pound", 2.5),
        ("drone$|drones$ strike|strikes$|drop|dropped$", 3.0),
        # What wire copy of the war in Ukraine calls them: strikes from the air, not fighting on the ground.
        ("guided|glide bomb", 3.0),
        ("aerial bomb$|bombs$", 3.0),
        ("missile$|missiles$|rocket$|rockets$ strike|attack|hit$|struck$", 3.0),
        ("aerial bombard|attack", 2.5),
        ("barrel bomb", 2.0),
        # How wire copy tells a power's strikes from the air: "U.S. carries out strikes on Houthi weapons sites",
        # "strikes hit Sanaa". Not a walkout: workers go on strike, and their strikes are over pay, not on a city.
        ("strikes$ on$|against$|hit$|hits$|pound$|pounded$|pounds$|killed$|targeted$", 2.5),
        ("carried$|carries$|carry$|carrying$|launched$|launches$|conducted$|conducts$ out$ strikes$|airstrikes$", 2.5),
        ("launched$|launches$|conducted$|conducts$ strikes$", 2.5),
    ),
    "bombing": (
        ("car|suicide|roadside|truck bomb", 3.0),
        # A bomb someone planted, however it is told: "Sticky bomb wounds municipal official", "Bomb under car wounds".
        ("sticky|magnetic|pipe|nail|parcel|letter|crude|country-made|homemade|home-made bomb", 3.0),
        ("bomb$|bombs$ hurled$|thrown$|lobbed$|hurls$", 2.5),  # "Crude bomb hurled at house near Vadakara"
        ("bomb$ under$|planted$|exploded$|explodes$|went$|wounds$|wounded$|kills$|killed$", 2.5),
        ("planted$ a$ bomb$", 2.5),
        ("bombing", 2.5),
        ("explosion", 1.5),
        ("explosive device", 2.5),
        ("blast$|blasts$", 1.5),
        ("detonat", 2.0),
        ("landmine|land-mine", 3.0),
        ("land mine$|mines$", 3.0),
        # What a war leaves behind and kills with years later: "Unexploded shell kills farmer", "cluster bomblet".
        ("unexploded", 3.0),
        ("cluster munition|bomb", 3.0),
        ("bomblet", 3.0),
        ("war$ remnant", 3.0),
        ("explosive remnant", 3.0),
    ),
    "shooting": (
        ("shooting", 3.0),
        ("shot$ dead$", 3.0),
        ("shot$ and killed$", 3.0),
        ("gunman$|gunmen$", 2.5),
        ("shooter$|shooters$", 2.5),  # "police search for shooter after 17-year-old wounded": no one is missing
        ("gunfire", 2.0),
        ("opened fire$", 2.5),
        ("shot$", 1.2),
        ("shoots$", 2.5),
        ("gunshot", 2.0),
        ("shootout", 2.5),  # with police, as local news tells one: a shooting
        ("fatally shot$", 3.0),
        ("shots$|gunshots$ fired$|rang", 2.5),
        ("fired$ at$|into$|shots$|once$|twice$", 1.5),
    ),
    # Not a shooting: a stabbing and a shooting in one town on one night are two incidents.
    "stabbing": (("stabb", 3.0), ("stab$|stabs$", 3.0), ("knife attack", 2.5), ("knifed$", 2.5)),
    # A hold-up is a moment of its own: two armed robberies in neighbouring suburbs days apart are two incidents.
    "robbery": (
        ("robbery$|robberies$|rob$|robs$|robbed$|robbing$|robber$|robbers$", 3.0),
        ("hold-up|holdup|stick-up", 3.0),
        # A shop robbed at gunpoint, as Canadian and US news heads it: "Bécancour convenience store held up".
        ("store$|shop$|bank$|pharmacy$|depanneur$|dépanneur$|station$ held$ up$", 3.0),
        ("held$ up$ at$ gunpoint$|knifepoint$", 3.0),
        ("smash-and-grab", 3.0),
        ("heist", 3.0),
        # South Asia's robbery by an armed gang: "dacoity at a jeweller's", "dacoits looted".
        ("dacoit", 3.0),
        ("carjack", 3.0),
        # A car taken from its driver: "Woman, 62, threatened and car stolen in shopping centre car park".
        ("car$|ute$|suv$|van$|vehicle$ stolen$", 2.5),
        ("home$|house$ invasion$|invasions$", 3.0),
        ("burglary$|burglaries$|burgled$|burglar", 2.5),
        # A home or a shop entered by force: "armed men forced their way into a Bonita Springs home", "broke into".
        ("forced$ their$|his$|her$|its$ way$ into$", 2.5),
        ("broke$|break$|breaks$|breaking$ into$", 2.5),
        ("break-in$|break-ins$|breakin$|breakins$", 2.5),  # "Weekend break-ins hit businesses in Powassan"
        # What a thief took, told without the crime's name: "42 sovereigns, Rs 1.2 lakh stolen from locked house".
        ("stolen$ from$", 2.5),
        # Thieves who stole, however they are told: "a gang of four thieves stole nearly all the jewels on display".
        ("thief$|thieves$", 2.0),
        ("ram-raid|ramraid", 3.0),  # a vehicle driven through a shop's doors to loot it
        ("ram$ raid|raiders$", 3.0),
        ("stole$|steal$|steals$|stealing$", 2.0),
        ("chain-snatch|snatched$|snatcher|snatchers$|mugged$|mugging", 2.5),
    ),
    # Someone missing is an incident of its own until found: no crash or shooting of the same town and days.
    "missing": (
        ("missing$", 2.0),
        ("last$ seen$", 2.5),
        ("disappear", 2.0),
        ("search$|searching$|searches$ for$", 1.0),
    ),
    # Bodies found (dumped by a road, in bags, in a river): the find is a moment of its own, and two finds on two days
    # are two incidents, whatever killings and disappearances they are later tied to.
    # Or told of the dead person: "Autorickshaw driver found murdered on open plot", "Man found dead in river".
    "bodies_found": (
        ("body$|bodies$|remains$ found$|discovered$|dumped$|recovered$|located$", 3.0),
        ("found$ murdered$|dead$|strangled$|bludgeoned$", 3.0),
    ),
    # A dog mauling a child is no attack by people: it neither follows an arrest nor joins a shooting.
    "animal_attack": (
        ("maul$|mauled$|mauling$|mauls$", 3.0),  # not "Mauldin", South Carolina
        ("dog$|dogs$ attack|attacked$|bit$|bite", 3.0),
        ("attacked$|bitten$ by$ a$|the$ dog$|dogs$|shark$|bear$", 3.0),
        ("shark$ attack|bite", 3.0),
        # Wild animals kill too: "Elephant tramples man to death", "leopard attack at Chandori".
        (
            "elephant|elephants$|leopard|leopards$|crocodile|hippo|lion$|lions$|hyena|tiger|tigers$|bear$"
            " attack|attacked$|kills$|killed$|tramples$|trampled$|mauls$|mauled$",
            3.0,
        ),
        ("trampled$|tramples$ to$ death$", 2.5),
        ("gored$", 2.5),
    ),
    "armed_clash": (
        ("clash", 2.0),
        # War's fighting, not a patient "fighting for his life" (a shooting's, a crash's or a drowning's victim).
        ("fighting$ between|in|erupted|broke|raged|continued|intensified|resumed|near|around|against", 1.5),
        ("heavy|fierce|intense|renewed fighting$", 1.5),
        ("offensive$", 1.5),
        ("battle$|battles$|battled$|battling$|battlefield", 1.5),  # not a street's name: "Battleford Road"
        ("bombard", 1.2),
    ),
    # Artillery fire on a place is a moment of its own, as an air strike is (ACLED's "shelling/artillery/missile
    # attack"): the shelling of a town's market and of its camp the next day are two incidents, not a battle's days.
    "shelling": (("shelling$|shelled$|shells$", 2.5), ("artillery", 2.0), ("mortar$|mortars$", 2.0)),
    "attack": (
        ("attack", 1.2),
        ("ambush", 2.0),
        ("raid$|raided$|raids$", 1.2),
        ("massacre", 2.0),
        ("arson attack", 3.0),  # a car set alight outside a home: someone's target, not a fire that broke out
        # A street assault as local news tells one: no kind would leave it free to join any incident of its town. Not
        # the noun alone, nor "assault on", which war news gives an offensive ("after weeks of Russian-backed assault",
        # "repel an assault on the town").
        ("assaulted$|punched$|beaten$", 2.0),
        ("assault$ outside$|near$|at$|in$", 2.0),
        # A killing with a blade that is no knife: "Kibosho farmer hacked to death in land row".
        ("hacked$|hacking$ to$ death$", 3.0),
    ),
    "withdrawal": (
        ("withdr", 3.0),
        ("pull|pulled|pulls|pulling out|back", 3.0),
        ("retreat", 3.0),
        ("redeploy", 2.0),
    ),
    "capture": (
        ("capture$|captured$|captures$|capturing$|seize$|seized$|seizes$|seizing$", 2.0),
        ("took control", 2.5),
        ("liberat", 2.0),  # a capture as the side that made it tells it
        ("recaptur", 2.5),
        ("enter$|enters$|entered$|stormed$|overran$", 1.5),
        # A town that fell to a side, not a man who "fell to the ground".
        ("fell$ to$ rebel|troop|force|militant|insurgent|fighter|jihad|islam|russia|ukrain|govern|hamas|m23", 2.5),
        ("fell$ to$ the$ rebel|troop|force|militant|insurgent|fighter|jihad|islam|russia|taliban|army|govern", 2.5),
    ),
    "protest": (
        ("protest", 2.5),
        ("demonstrat", 2.0),
        ("rally$|rallies$|rallied$", 1.5),
        ("marched$|marches$|marchers$|marching$", 1.5),
        # Not the month ("March 5", "in March"): a march against, through or for something.
        ("march$ against$|through$|for$", 1.5),
        ("riot", 2.0),
        ("went on strike$", 2.0),
    ),
    "arrest": (
        ("arrest", 2.5),
        # Not "detainees", who are held already: those swapped in an exchange are freed by a deal.
        ("detain$|detained$|detains$|detaining$", 2.0),
        ("into custody$", 2.5),
        ("apprehend", 2.0),
        ("charged with$", 1.5),
        ("extradit", 2.0),
        ("manhunt|fugitive", 1.5),
        # A prisoner's escape, not a family's from a fire or a dog's from a yard.
        ("escape$|escaped$|escapes$ from$ prison|jail|custody", 1.5),
        ("escapee", 1.5),
        ("escaped$ inmate|prisoner|convict", 1.5),
    ),
    "trial": (
        ("sentenc", 2.5),
        ("convict", 2.0),
        ("verdict", 2.0),
        ("jury|juror", 2.0),
        ("trial$", 1.5),
        ("acquit", 2.5),
        ("plead guilty|not", 2.5),  # "pleaded", and a headline's "pleads not guilty"
        # Weak on purpose: a hearing told under the incident's name stays that incident's kind, with "trial" the
        # runner-up that marks it a follow-up.
        ("court$", 1.0),
        ("arraign", 1.5),
        # What a court orders before a trial, weak as a hearing is: "Nandyal firing accused sent to judicial remand".
        ("remand", 1.0),
        ("bail$", 1.0),
        ("judicial custody$", 1.0),
    ),
    "agreement": (
        ("ceasefire|cease-fire|truce", 2.5),
        ("agreement", 2.0),
        ("signed$", 1.5),
        ("deal$", 1.2),
        ("treaty", 2.0),
        ("accord$", 2.0),
        ("peace talks$", 2.0),
        ("swap$|swapped$|swaps$", 2.5),
        ("prisoner exchange", 2.5),
        # Prisoners a war's sides release to each other are freed by a deal, not arrested or kidnapped.
        ("prisoner$|prisoners$|detainee$|detainees$ release|releases$|exchange$|swap$", 2.5),
        ("freed$|released$ prisoners$|detainees$", 2.0),
    ),
    "election": (
        ("election", 2.5),
        ("vote$|votes$|voters$|voting$", 1.5),
        ("ballot", 2.0),
        ("polls$ closed$|opened$", 2.0),
        ("reelect|re-elect", 2.5),
        ("referendum", 2.5),
    ),
    "appointment": (
        ("appoint", 2.5),
        ("nominat", 2.5),
        ("resign", 2.5),
        ("sworn in$", 2.5),
        # Not "shots fired" or "the officer fired once": fired from a post.
        ("was|were|been|got fired$", 2.0),
        ("sacked$|dismissed$", 2.0),
        ("fired$ as$", 2.0),
        ("stepped|stepping|steps down$", 2.5),
        # Not the victim "named as" a resident: news names its dead and wounded so.
        ("named$ new$", 1.5),
        ("named$ as$ new$|the$|its$|interim$|acting$", 1.5),
    ),
    "disaster": (
        ("earthquake|quake|tremor", 3.0),
        ("flood", 2.5),
        ("hurricane|typhoon|cyclone|tornado", 3.0),
        ("landslide|mudslide|avalanche", 3.0),
        ("tsunami", 3.0),
        ("wildfire|bushfire", 3.0),
        ("forest fire", 3.0),
        ("volcan|eruption", 2.5),  # not "fighting erupts"
        ("drought", 2.5),
    ),
    "accident": (
        ("plane|car$|bus$|train|helicopter crash", 3.0),
        ("crash", 2.0),
        ("collision|collid", 2.5),  # "minibus and lorry collide", as a headline says it
        ("derail", 3.0),
        # An angler or a skater lost through the ice: "Man dies after falling through ice at Lake of the Woods".
        ("fell$|falls$|falling$|went$|broke$|breaks$|breaking$ through$ ice$", 3.0),
        ("fell$|falls$|falling$|went$|broke$|breaks$|breaking$ through$ the$ ice$", 3.0),
        ("rollover|rollovers$|jackknif", 3.0),
        # A vehicle that leaves the road: "his pickup left Highway 29 and rolled into the ditch", "came to rest on its
        # roof". Not a road closed off: only a vehicle's own verbs.
        (
            "went$|veered$|veers$|ran$|runs$|skidded$|skids$|slid$|careered$|careened$"
            " off$ the$ road$|roadway$|highway$",
            3.0,
        ),
        ("into$ a$|the$ ditch$|ravine$|embankment$", 2.5),
        ("on$ its$ roof$|side$", 2.5),
        # A vehicle that rams or ploughs into another is a crash as its headline tells it ("minibus rams parked lorry").
        (
            "truck|lorry|bus$|minibus|car$|suv$|van$|vehicle|tanker|train|ute$ rams$|rammed$|ploughs$|ploughed$|plows$"
            "|plowed$|slams$|slammed$",
            3.0,
        ),
        # A coach (a long-distance bus) does so too; not a team's coach, who only "slams" a referee.
        ("coach$|coaches$ rams$|rammed$|ploughs$|ploughed$|plows$|plowed$|overturn|rolls$|rolled$", 3.0),
        # A vehicle that rolls: "Loaded logging truck rolls on Highway 20", "ute rolled on the Gibb River Road".
        (
            "truck|trucks$|lorry|bus$|minibus|vehicle|car$|van$|suv$|ute$|tanker|tractor|trailer|pickup|semi$|quad$"
            "|campervan|caravan rolls$|rolled$|rolling$",
            3.0,
        ),
        # A vehicle that overturns, not a court that overturns a ruling.
        (
            "truck|trucks$|lorry|lorries$|bus$|buses$|minibus|vehicle|car$|van$|suv$|tanker|tractor|trailer overturn",
            3.0,
        ),
        ("overturned$ truck|lorry|bus$|minibus|vehicle|car$|van$|suv$|tanker|tractor|trailer|boat|canoe|ferry", 3.0),
        ("capsiz|sank$|sinking$", 2.5),
        ("accident$|accidents$", 2.0),  # not a fire "ruled accidental"
        # What falls on people by mishap: "Labourer killed as wall collapses at construction site" (whom rescuers
        # "pulled out" of the rubble withdrew from nothing).
        ("wall|walls$|building|roof|bridge|house|ceiling|balcony|structure|stage|scaffold collaps", 3.0),
        # A live wire's, by mishap: "Two labourers electrocuted while putting up banner", "electrocution at a farm".
        ("electrocut", 3.0),
        # A crowd crush kills at one moment in one place, as a fire does: not the ambush on the camp's road that week.
        ("stampede", 3.0),
        ("crowd crush$", 3.0),
        ("crush$ at$|in$|during$|outside$", 2.5),
        ("deadly|fatal crush$", 2.5),
        ("wreck$|wrecks$|pileup$|pile-up$", 2.0),
        ("drown", 3.0),
        # A swimmer who dies, someone pulled from the water: a drowning told without the word.
        ("swimmer", 2.0),
        ("from$ the$ water$", 2.0),
        ("hit and$ run$", 3.0),
        ("hit-and-run", 3.0),
        # British English's hit-and-run: "Boy, 13, hurt as driver fails to stop in Burton Latimer".
        ("fail$|fails$|failed$ to$ stop$", 2.5),
        # Struck by a vehicle of any kind, with or without its article or its operator ("struck by TTC bus").
        ("struck$|hit$ by$ a$|an$|the$|ttc$|transit$|city$|school$ " + _STRUCK_BY, 2.5),
        ("struck$|hit$ by$ " + _STRUCK_BY + "|streetcar", 2.5),
        # "Cyclist killed by jeep", "a woman crushed under a tractor".
        ("killed$|crushed$ by$|under$ " + _STRUCK_BY, 2.5),
        ("killed$|crushed$ by$|under$ a$|an$|the$ " + _STRUCK_BY, 2.5),
        # The same told the other way round: "private bus hits scooter rider", "lorry knocks down pedestrian".
        (_STRUCK_BY + " hits$|hit$|knocks$|knocked$|mows$|mowed$", 2.5),
        (_STRUCK_BY + " runs$|ran$ over$", 2.5),
        ("pedestrian", 1.5),
    ),
    # A fire or an explosion of fuel or gas: a moment of its own, not the crash on the road that night nor the
    # drowning in the river the next day, though all are mishaps.
    "fire": (
        ("fire$|blaze$ broke|destroy", 2.0),
        ("in$ fire$|blaze$|fires$", 2.0),  # "family who lost everything in fire", "killed in blaze"
        ("in$ a$|the$ fire$|blaze$", 2.0),
        (
            "house|home|apartment|building|rowhouse|barn|garage|shed|warehouse|factory|shack|hostel|flat$|flats$|shop"
            "|market|stall|dormitor|school|godown|mill$|hotel|restaurant|store$|office|depot|lodge|church|mosque"
            "|takeaway|cafe$|café$|pub$|bungalow|cottage|farmhouse|caravan|premises$|bakery|supermarket"
            " fire$|fires$|blaze$",
            3.0,
        ),
        # How fires are told: "fire tears through a Victorian", "a two-alarm fire", "fire guts his home", "fire razes
        # dozens of stalls".
        ("fire$|blaze$|flames$ tore$|tears$|gutted$|guts$|swept$|sweeps$|ripped$|rips$|engulf|razes$|razed$", 2.5),
        # Firefighters battle a blaze, not an enemy.
        ("battled$|battling$|battle$ the$|a$ blaze$|fire$|flames$", 3.0),
        ("battled$|battling$|battle$|battles$ blaze$|blazes$|fire$|fires$|flames$", 3.0),
        ("fought$|fighting$|fight$|fights$ the$|a$ fire$|blaze$|flames$", 3.0),  # "crews fought the fire for hours"
        # "Units ... brought the fire under control": crews put out a fire, not a riot.
        ("fire$|blaze$|flames$ under$ control$", 3.0),
        ("2-alarm|3-alarm|4-alarm|5-alarm|two-alarm|three-alarm|four-alarm|five-alarm", 3.0),
        # Fuel and gas that burn or blow up by mishap: "tanker explodes", "illegal refinery explosion", "bus catches
        # fire". An explosion alone stays a bombing's cue.
        ("catch$|catches$|caught$ fire$", 2.5),
        (
            "tanker|tankers$|pipeline|refinery|refineries$|cylinder|boiler explosion|explod|blast$|blasts$|fire$|fires$"
            "|blaze$",
            3.0,
        ),
        ("gas$ explosion|explod|blast$|blasts$|leak", 3.0),
        ("inferno", 2.0),
        # A fire told by what burns: "pulled from her burning home"; "the house was well alight".
        ("burning$ home|house|building|flat$|apartment|unit$|shed|car$|vehicle|bus$|truck|shop|store$", 2.5),
        ("well$ alight$", 2.5),
        # A fire named by its street, as local news heads it: "11 displaced after Park Boulevard fire".
        ("street$|road$|avenue$|boulevard$|drive$|lane$|st$|rd$|ave$|blvd$ fire$|fires$|blaze$", 3.0),
        # A fire set on purpose is still a fire, at a moment: "arson at a restaurant", "firebomb thrown into".
        ("arson", 3.0),
        ("firebomb|molotov|incendiar", 2.5),
        # Firefighters at work; not one named as a crash victim ("volunteer firefighter killed on I-10").
        ("firefighters$|firefighting$", 1.5),
        ("fire$ officials$|crews$|department$|chief$|marshal$|investigators$", 1.5),
    ),
    # Drugs found in a raid or a search are an incident of their own, whatever else the week's police told of: "Search
    # Warrant in Superior Leads to Two Drug Arrests" is no arrest over the missing man the same sheriff's office found.
    "drug_seizure": (
        ("drug$|drugs$ raid|raids$|bust|seizure|seized$|search$|haul|den$|factory|lab$|arrest|charges$", 3.0),
        (
            "cannabis|ganja|heroin|cocaine|methamphetamine|meth$|marijuana|opium|crystal$|" + _LOCAL_DRUGS + " farm"
            "|factory|plants$|haul|seized$|seizure|worth$|found$|recovered$|raid|bust|plantation|crop$|crops$",
            3.0,
        ),
        # South and South-East Asia's police name the drug a raid found: "yaba tablets", "phensedyl", "shabu",
        # "brown sugar" (heroin), and the Philippine police's sting, a "buy-bust".
        (_LOCAL_DRUGS, 3.0),
        ("brown$ sugar$", 3.0),
        ("buy-bust", 3.0),
        # Poppy straw, the opium crop's husk that north India's police seize by the quintal ("poppy husk recovered
        # from truck on NH-52").
        ("poppy$ husk|straw$", 3.0),
        ("seized$|seize$|seizes$|recovered$ drugs$|cannabis|ganja|heroin|cocaine|methamphetamine|marijuana|opium", 3.0),
        # What a search or a raid turns up: "Task force search in Armuchee nets meth, fentanyl, guns".
        (
            "nets$|netted$|yields$|yielded$|uncovers$|uncovered$ drugs$|cannabis|ganja|heroin|cocaine|methamphetamine"
            "|meth$|marijuana|opium|fentanyl",
            3.0,
        ),
        ("with$ heroin|cocaine|ganja|methamphetamine|drugs$|cannabis$|marijuana", 3.0),
    ),
    "kidnapping": (
        ("kidnap", 3.0),
        ("abduct", 3.0),
        ("hostage", 2.0),
        # A plane, a bus or a ship taken with the people on board; not Johannesburg's "hijacked buildings", taken over.
        ("hijack plane|airliner|aircraft|jet|flight|bus|ship|vessel|boat|train", 3.0),
        ("hijack a$|an$|the$ plane|airliner|aircraft|jet|flight|bus|ship|vessel|boat|train", 3.0),
        ("hijacker", 3.0),
        ("pirate|piracy", 2.0),
    ),
    # Not "died" or "dies" alone: nearly every report of a deadly incident says it (as a cue: 18 sets up, 47 down).
    "death": (("passed away$", 1.5), ("death$ of$", 1.5), ("overdose", 2.0), ("obituar", 2.0)),
    "business": (
        ("acquire$|acquired$|acquires$|acquiring$|acquisition", 2.5),
        ("merger", 2.5),
        # A firm's takeover, not a street takeover (drivers' stunts that block an intersection).
        ("takeover$|takeovers$ bid|offer|deal|talks|battle|target|approach|of$", 2.0),
        ("hostile$ takeover", 2.0),
        ("layoff|job cuts$", 2.5),
        ("laid off$", 2.5),
        # Not "launch": news launches investigations, appeals and offensives far more often than products.
        ("unveil", 1.2),
        ("earnings|quarterly|profit", 1.5),
    ),
    "health": (("rehab", 3.0), ("hospitali", 2.0), ("outbreak|epidemic", 2.5), ("surgery|surgeon", 1.5)),
    "award": (("award", 2.0), ("prize", 2.0), ("oscar|nominee|ceremony", 1.5)),
}
# Cues that name what happened only in a headline. South Asian English heads a shooting "Matigara firing: bikers
# targeted land broker"; in a body, "firing" is a detail of an attack or a clash ("gunmen firing into the air as the
# procession passed", "heavy firing" in an insurgents' raid on a village), not its kind.
HEADLINE_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "shooting": (("firing$", 2.5),),
    # Those "held", as headlines call the arrested: "ex-driver of rice mill, two aides held", "Three held over night
    # coach robbery". Headlines only: a body's men "held" a meeting, a knife or a hostage.
    "arrest": (
        (
            "two$|three$|four$|five$|six$|seven$|eight$|nine$|ten$|aide$|aides$|accused$|suspect$|suspects$|man$|men$"
            "|youth$|youths$|woman$|women$|persons$|people$|teen$|teens$|duo$|trio$|gang$ held$",
            2.5,
        ),
        ("held$ over$", 2.5),
        # So are those "charged over", "after" or "in" an incident: "Truck driver charged over Route 5 crash".
        ("charged$ over$|after$|in$", 2.5),
    ),
}

# What a fire burned, as its headline names it, by kind of premises: two fires of one night whose headlines name
# premises of different kinds ("thatched huts gutted in Dummulapeta blaze", "Major fire in wholesale godown at
# Jagannaickpur") are two fires, however near and alike their telling (`premises_named`). Not a garage, a shed or a
# unit, which may be a home's: "Ladysmith fire started in garage" is the house fire's.
_PREMISES: dict[str, str] = {
    **dict.fromkeys(
        (
            *("house", "houses", "home", "homes", "residence", "residential", "duplex", "apartment", "apartments"),
            *("flat", "flats", "bungalow", "cottage", "shack", "shacks", "hut", "huts", "manyatta", "dwelling"),
            *("trailer", "townhouse", "condo", "tenement", "farmhouse", "hostel", "dormitory"),
        ),
        "home",
    ),
    **dict.fromkeys(
        (
            *("shop", "shops", "store", "stores", "stall", "stalls", "market", "bazaar", "bazar", "shophouse"),
            *("shophouses", "restaurant", "hotel", "motel", "supermarket", "boutique", "showroom", "mall", "kiosk"),
            *("kiosks", "bakery", "cafe", "pub", "takeaway", "salon"),
        ),
        "shop",
    ),
    **dict.fromkeys(
        (
            *("warehouse", "warehouses", "godown", "godowns", "depot", "mill", "factory", "workshop", "workshops"),
            *("plant", "yard", "boatyard", "sawmill", "timber"),
        ),
        "works",
    ),
    # Not "stable", which a follow-up's headline gives its victim ("Woman in stable condition after Main Street fire").
    **dict.fromkeys(("barn", "farm", "hay", "poultry", "cowshed", "haystack"), "farm"),
    **dict.fromkeys(("grass", "brush", "scrub", "vegetation", "forest", "crop", "crops"), "land"),
}


# The people of premises, who are no premises burned: "fire victim identified as retired mill worker".
_PREMISES_PEOPLE = frozenset(
    {"worker", "workers", "owner", "owners", "employee", "employees", "staff", "clerk", "manager", "keeper", "vendor"}
)


def premises_named(title_words: Sequence[str]) -> frozenset[str]:
    """The kinds of premises (`_PREMISES`) a headline names: "Furniture workshop, house gutted in Birtamod fire" is
    {"works", "home"}. A hyphen's halves count: "house-store fire"; not a mill's or a shop's people ("mill worker")."""
    return frozenset(
        kind
        for i, word in enumerate(title_words)
        if i + 1 >= len(title_words) or title_words[i + 1] not in _PREMISES_PEOPLE
        for part in word.split("-")
        if (kind := _PREMISES.get(part)) is not None
    )


# Categories that can describe one incident seen from different sides ("rebels withdrew" = "army captured the town").
COMPATIBLE = {
    frozenset({"withdrawal", "capture"}),
    frozenset({"withdrawal", "armed_clash"}),
    frozenset({"capture", "armed_clash"}),
    frozenset({"attack", "air_strike"}),
    frozenset({"attack", "bombing"}),
    # A blast is told as a gas explosion by one outlet and as a "blast" (a bombing's word) by the next until its cause
    # is known: "Tortilleria blast in Chalco kills two" and "Two dead in gas explosion at tortilla shop".
    frozenset({"bombing", "accident"}),
    frozenset({"bombing", "fire"}),
    frozenset({"attack", "shooting"}),
    frozenset({"attack", "armed_clash"}),
    # Gunmen storming a post and the gunfight with its guards are one incident: "Gunmen storm police headquarters in
    # Rask, five killed", "Rask attack: two officers and three assailants killed in night-long clash".
    frozenset({"shooting", "armed_clash"}),
    frozenset({"attack", "chemical_attack"}),
    frozenset({"air_strike", "armed_clash"}),
    frozenset({"shelling", "air_strike"}),
    frozenset({"shelling", "attack"}),
    frozenset({"shelling", "armed_clash"}),
    frozenset({"shelling", "bombing"}),
    frozenset({"shelling", "death"}),
    frozenset({"chemical_attack", "air_strike"}),
    frozenset({"bombing", "air_strike"}),
    frozenset({"arrest", "trial"}),
    # The trial of a crime is reported under the crime's name, months later, as its arrest is days later.
    frozenset({"trial", "shooting"}),
    frozenset({"trial", "stabbing"}),
    frozenset({"trial", "attack"}),
    frozenset({"trial", "robbery"}),
    frozenset({"trial", "kidnapping"}),
    frozenset({"trial", "accident"}),
    frozenset({"trial", "fire"}),
    frozenset({"shooting", "arrest"}),
    frozenset({"attack", "arrest"}),
    frozenset({"bombing", "arrest"}),  # the suspects of a bombing are arrested and tried as a gunman's are
    frozenset({"air_strike", "arrest"}),  # rockets and drones that militias launch: their crews are arrested
    frozenset({"bombing", "trial"}),
    frozenset({"robbery", "arrest"}),
    frozenset({"robbery", "attack"}),
    frozenset({"robbery", "shooting"}),
    frozenset({"robbery", "stabbing"}),
    frozenset({"robbery", "death"}),
    frozenset({"stabbing", "arrest"}),
    frozenset({"stabbing", "attack"}),
    frozenset({"stabbing", "death"}),
    frozenset({"accident", "arrest"}),
    frozenset({"fire", "arrest"}),  # the arsonist's
    frozenset({"death", "shooting"}),
    frozenset({"death", "accident"}),
    frozenset({"death", "fire"}),
    frozenset({"death", "attack"}),
    frozenset({"death", "health"}),
    frozenset({"kidnapping", "attack"}),
    frozenset({"kidnapping", "arrest"}),
    # Gangs, cults and militias that clash are arrested after it: "Police arrest seven over Rumuolumeni cult killings".
    frozenset({"armed_clash", "arrest"}),
    frozenset({"disaster", "accident"}),
    frozenset({"disaster", "fire"}),  # a wildfire that reaches homes
    frozenset({"disaster", "death"}),
    frozenset({"protest", "arrest"}),
    # A settlement after a fatal crash: "Families accept bodies after agreement with bus operator".
    frozenset({"agreement", "accident"}),
    frozenset({"drug_seizure", "arrest"}),
    frozenset({"drug_seizure", "trial"}),
    frozenset({"election", "appointment"}),
    frozenset({"award", "appointment"}),
    frozenset({"bombing", "shooting"}),
    frozenset({"animal_attack", "death"}),
    frozenset({"missing", "death"}),  # found dead
    frozenset({"missing", "kidnapping"}),
    frozenset({"missing", "accident"}),  # found in the river
    frozenset({"missing", "arrest"}),
    frozenset({"missing", "disaster"}),  # "dozens missing after the floods"
    frozenset({"animal_attack", "health"}),
    frozenset({"animal_attack", "capture"}),  # the dog seized by animal control
    frozenset({"death", "bombing"}),
    frozenset({"death", "air_strike"}),
    # Bodies found are the missing's, the kidnapped's, the shot's or the drowned's; whoever dumped them is arrested.
    # Those found under the rubble are a strike's, a bomb's or a quake's ("Kramatorsk strike death toll rises to
    # four as woman's body found under rubble").
    *(
        frozenset({"bodies_found", kind})
        for kind in (
            *("missing", "kidnapping", "shooting", "attack", "death", "accident", "fire", "arrest", "trial"),
            *("stabbing", "air_strike", "shelling", "bombing", "disaster"),
        )
    ),
}
GENERIC = "other"
# What follows an incident and is reported under its name: the arrest, the hearing, the death of the wounded.
FOLLOW_UP_CATEGORIES = frozenset({"arrest", "trial", "death"})
# Incidents that happen at a moment, not over days: two of them named on different days are two incidents unless
# their details say otherwise (an ACLED event, too, is one day at one place). A withdrawal, a protest or a trial
# runs for days, so only these kinds are split by the day. An armed clash is one of them since 6 December: a second
# herder-farmer clash in one district four days after the first had joined it.
POINT_CATEGORIES = frozenset(
    {
        "chemical_attack",
        "air_strike",
        "shelling",
        "bombing",
        "shooting",
        "stabbing",
        "robbery",
        "kidnapping",
        "attack",
        "accident",
        "fire",
        "animal_attack",
        "bodies_found",
        "armed_clash",
    }
)


@dataclass(frozen=True, slots=True)
class _Cue:
    category: str
    weight: float
    words: tuple[tuple[tuple[str, bool], ...], ...]  # per word: alternatives (prefix, whole word only)
    headline_only: bool = False  # a cue of HEADLINE_CUES


def _parse_cue(category: str, phrase: str, weight: float, *, headline_only: bool = False) -> _Cue:
    words = tuple(tuple((alt.rstrip("$"), alt.endswith("$")) for alt in word.split("|")) for word in phrase.split(" "))
    return _Cue(category, weight, words, headline_only)


def _index_cues() -> dict[str, list[_Cue]]:
    # Cues are indexed by the first three letters of their first word, so each token costs one dict lookup.
    index: dict[str, list[_Cue]] = {}
    for table, headline_only in ((CATEGORY_CUES, False), (HEADLINE_CUES, True)):
        for category, cues in table.items():
            for phrase, weight in cues:
                cue = _parse_cue(category, phrase, weight, headline_only=headline_only)
                for key in dict.fromkeys(prefix[:3] for prefix, _ in cue.words[0]):
                    # Once per key: "robbery|robbed|robbers" opens one cue, not three.
                    index.setdefault(key, []).append(cue)
    return index


_CUE_INDEX = _index_cues()


def _word_matches(token: str, alternatives: tuple[tuple[str, bool], ...]) -> bool:
    return any(token == prefix if whole else token.startswith(prefix) for prefix, whole in alternatives)


_FIRST_WORD_CACHE: dict[str, tuple[_Cue, ...]] = {}


def _cues_starting_with(token: str) -> tuple[_Cue, ...]:
    """Cues whose first word matches `token`, memoised per word (news vocabulary repeats)."""
    cues = _FIRST_WORD_CACHE.get(token)
    if cues is None:
        if len(_FIRST_WORD_CACHE) > 100_000:
            _FIRST_WORD_CACHE.clear()
        cues = tuple(cue for cue in _CUE_INDEX.get(token[:3], ()) if _word_matches(token, cue.words[0]))
        _FIRST_WORD_CACHE[token] = cues
    return cues


def _cue_hits(tokens: list[str], *, headline: bool = False) -> list[_Cue]:
    found = list(map(_FIRST_WORD_CACHE.get, tokens))  # C-level lookups; most words open no cue
    hits: list[_Cue] = []
    for i, cached in enumerate(found):
        cues = _cues_starting_with(tokens[i]) if cached is None else cached
        for cue in cues:
            words = cue.words
            if (
                len(words) == 1
                or (
                    i + len(words) <= len(tokens)
                    and all(_word_matches(tokens[i + j], words[j]) for j in range(1, len(words)))
                )
            ) and not _negated(tokens, i):
                if (cue.headline_only and not headline) or (
                    cue.category == "protest" and _rallies_in_support(tokens, i)
                ):
                    continue
                if cue.category == "capture" and _enters_a_time(tokens, i):
                    continue
                if cue.category == "appointment" and _nominated_in_a_case(tokens, i):
                    continue
                if cue.category == "capture" and _captures_people(tokens, i, headline=headline):
                    hits.append(_PEOPLE_CAPTURED)
                    continue
                seized = _what_is_seized(tokens, i) if cue.category == "capture" else None
                if seized is not None:
                    if seized == "drugs":
                        hits.append(_DRUGS_SEIZED)
                    continue
                hits.append(cue)
    return hits


# A community that rallies round, behind or for someone supports them: "Neighbours rally for Abasand family as
# investigators probe cause of fire" is the fire's, no protest. A rally for a cause is one ("rally for peace"). So does
# a candle march or rally, which mourns the dead as a vigil does: "Candle march for slain Purnia jeweller; three accused
# sent to judicial custody" is the killing's.
_SUPPORT_AFTER_RALLY = frozenset({"around", "round", "behind", "for"})
_CANDLES = frozenset({"candle", "candles", "candlelight", "candle-light"})
# A community that rallies to help is no protest; one that rallies to demand something is.
_HELP_AFTER_RALLY_TO = frozenset({"help", "support", "aid", "assist", "raise", "rebuild", "comfort", "feed"})
_CAUSES = frozenset(
    {"peace", "justice", "democracy", "change", "rights", "freedom", "release", "independence", "climate", "reform"}
)


def _rallies_in_support(tokens: list[str], i: int) -> bool:
    if i > 0 and tokens[i - 1] in _CANDLES:
        return True  # "candle march", "candlelight rally"
    if not tokens[i].startswith("rall") or i + 1 >= len(tokens):
        return False
    if tokens[i + 1] == "to" and i + 2 < len(tokens) and tokens[i + 2] in _HELP_AFTER_RALLY_TO:
        return True  # "Neighbours rally to help Listowel family left homeless by fire"
    if tokens[i + 1] not in _SUPPORT_AFTER_RALLY:
        return False
    after = [token for token in tokens[i + 2 : i + 4] if token != "the"]
    return not (tokens[i + 1] == "for" and after and after[0] in _CAUSES)


# A search, a strike or a siege that enters its next day enters no town: "Divers fail to trace boy swept away in
# Chenab as search enters second day" is the drowning's.
_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "final"})
_SPANS_OF_TIME = frozenset({"day", "days", "week", "weeks", "month", "months", "hour", "hours", "year", "years"})


def _enters_a_time(tokens: list[str], i: int) -> bool:
    if not tokens[i].startswith("enter"):
        return False
    after = [token for token in tokens[i + 1 : i + 4] if token not in ("its", "a", "the", "their")][:2]
    return bool(after) and (after[0] in _ORDINALS or after[0] in _SPANS_OF_TIME)


# Those a police complaint names ("against six nominated and two unidentified accused", "nominated in the FIR"), not
# a candidate or an appointee: the accused of a case, as Pakistani and Indian police write it.
_NAMED_IN_A_CASE = frozenset({"accused", "suspect", "suspects", "fir", "case", "complaint", "persons", "men"})


def _nominated_in_a_case(tokens: list[str], i: int) -> bool:
    return tokens[i].startswith("nominat") and not _NAMED_IN_A_CASE.isdisjoint(tokens[i + 1 : i + 6])


# What police seize, not a side in a war: goods before "seized" ("Pauni firing: two held, country-made pistol seized",
# "Cocaine and cash seized during search") or drugs after it ("police seize cocaine, cash"); the drugs make it a drug
# seizure. A capture takes a place ("rebels seized the town"). "Army seizes weapons and fuel" stays one: read as the
# arrest its report also tells, a security force's seizure joined other incidents as their follow-up.
_DRUGS = frozenset(
    {"drugs", "cocaine", "heroin", "cannabis", "ganja", "marijuana", "meth", "methamphetamine", "fentanyl"}
    | {"shabu", "yaba", "phensedyl", "charas"}
)
_GOODS = (
    _DRUGS
    | frozenset({"pistol", "pistols", "gun", "guns", "rifle", "rifles", "revolver", "revolvers", "firearm", "firearms"})
    | frozenset(
        {"weapon", "weapons", "ammunition", "cartridge", "cartridges", "rounds", "knife", "knives", "explosives"}
    )
    | frozenset({"cash", "phone", "phones", "mobile", "mobiles", "vehicle", "vehicles", "car", "cars", "bike"})
    | frozenset(
        {"motorcycle", "liquor", "goods", "items", "property", "valuables", "jewellery", "jewelry", "contraband"}
    )
)
_GOODS_REACH = 3
_DRUGS_SEIZED = _Cue("drug_seizure", 2.0, ((("seiz", False),),))


# How much was seized, which stands between the verb and the drug: "seize 240 kg of cannabis".
_QUANTITY_WORDS = frozenset(
    {"of", "kg", "kgs", "kilograms", "kilos", "grams", "tonnes", "tons", "pounds", "lbs", "worth", "about", "over"}
    | {"bales", "packets", "sacks", "bags", "parcels", "blocks", "bricks"}
)


def _words_seized(tokens: list[str], i: int) -> list[str]:
    """The `_GOODS_REACH` words after the cue at tokens[i], its quantity (numbers, `_QUANTITY_WORDS`) left out."""
    after = tokens[i + 1 : i + 1 + 2 * _GOODS_REACH + 2]
    return [t for t in after if not (t in _QUANTITY_WORDS or t[:1].isdigit())][:_GOODS_REACH]


def _what_is_seized(tokens: list[str], i: int) -> Literal["drugs", "goods"] | None:
    """What the cue at tokens[i] seizes, when it is goods: "drugs" when `_DRUGS` stand within `_GOODS_REACH` words
    before it or after it (`_words_seized`), "goods" when other `_GOODS` stand before it; None for a capture."""
    if not tokens[i].startswith("seiz"):
        return None
    before = tokens[max(0, i - _GOODS_REACH) : i]
    if not _DRUGS.isdisjoint(before) or not _DRUGS.isdisjoint(_words_seized(tokens, i)):
        return "drugs"
    return "goods" if not _GOODS.isdisjoint(before) else None


# Those a capture takes when it is an arrest, as Latin American police and papers write one in English ("Police
# capture man accused of knife attack on ex-partner", "Alleged gunman in murder of mototaxista captured", "Eleven
# captured in operation against drug-dealing network"): people, or a count of them before the verb, not a town or a
# base ("captured two villages").
_PEOPLE = frozenset(
    {"man", "men", "woman", "women", "suspect", "suspects", "gunman", "gunmen", "accused", "alleged", "alias"}
    | {"youth", "youths", "teen", "teenager", "boy", "driver", "people", "persons", "members", "member", "fugitive"}
)
_COUNTS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen"}
)
_PEOPLE_CAPTURED = _Cue("arrest", 2.5, ((("captur", False),),))


def _captures_people(tokens: list[str], i: int, *, headline: bool) -> bool:
    """Whether the capture cue at tokens[i] ("capture", "captured") takes people: `_PEOPLE` or a count (`_COUNTS`, a
    number) within two words before it, `_PEOPLE` within three after it, or, ending a headline, among its first
    three words. Not "seize", which `_what_is_seized` reads."""
    if not tokens[i].startswith("captur"):
        return False
    before = tokens[max(0, i - 2) : i]
    after = [t for t in tokens[i + 1 : i + 5] if t not in ("a", "an", "the") and t not in _COUNTS][:3]
    return (
        not (_PEOPLE | _COUNTS).isdisjoint(before)
        or any(t[:1].isdigit() for t in before)
        or not _PEOPLE.isdisjoint(after)
        or (headline and i == len(tokens) - 1 and not _PEOPLE.isdisjoint(tokens[:3]))
    )


# Words that deny a cue within NEGATION_REACH words before it.
NEGATIONS = frozenset({"no", "not", "nobody", "none", "never"})
NEGATION_REACH = 4


def _negated(tokens: list[str], i: int) -> bool:
    """Whether a negation shortly before tokens[i] denies the cue: "no arrests have been made", "no one has been
    arrested", "police have not arrested anyone" tell of no arrest, as local news says of most shootings."""
    return any(
        token in NEGATIONS or token.endswith(("n't", "n\u2019t")) for token in tokens[max(0, i - NEGATION_REACH) : i]
    )


_GUNMEN = frozenset({"gunman", "gunmen"})
# Kinds whose headline may name their doers as gunmen without telling a shooting.
_DONE_BY_GUNMEN = frozenset({"kidnapping", "robbery"})
# The headline and lead say what happened; the rest of a report adds background (earlier attacks, other incidents).
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
REST_WORDS = 150
MIN_SCORE = 3.0


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """The winning category, its cue score, and the runner-up (evidence)."""

    category: str
    score: float
    runner_up: str | None
    headline_says_so: bool = False  # a headline cue names the winning category: a reliable classification
    # A headline cue names the runner-up too: "Man charged with murder over Woodridge stabbing" is an arrest, and of a
    # stabbing.
    runner_up_in_headline: bool = False


def classify(title_words: list[str], lead_words: list[str], rest_words: list[str]) -> CategoryResult:
    """Add cue weights found in headline (x3), lead (x2) and the next part of the body (x1); `other` if none stands out.

    Takes lower-cased words (as `text.analyse` splits them), so the text is not tokenized twice.
    """
    scores: dict[str, float] = {}
    in_title: set[str] = set()
    if "amid" in title_words:
        # "Colombia presses ahead with peace talks amid a week of bombings": what follows "amid" is the setting,
        # told as a lead tells background, not what happened.
        cut = title_words.index("amid")
        title_words, lead_words = title_words[:cut], [*title_words[cut + 1 :], *lead_words]
    if not _GUNMEN.isdisjoint(title_words):
        # "Gunmen abduct students from school in Kumbo", "Gunmen rob jewellery store": the gunmen are the kidnappers or
        # the robbers, who did it, not what happened (a shooting); they weigh as the lead's words do.
        unarmed = [w for w in title_words if w not in _GUNMEN]
        if any(cue.category in _DONE_BY_GUNMEN for cue in _cue_hits(unarmed)):
            title_words, lead_words = unarmed, [*(w for w in title_words if w in _GUNMEN), *lead_words]
    for words, part_weight in ((title_words, TITLE_WEIGHT), (lead_words, LEAD_WEIGHT), (rest_words[:REST_WORDS], 1.0)):
        for cue in _cue_hits(words, headline=part_weight == TITLE_WEIGHT):
            scores[cue.category] = scores.get(cue.category, 0.0) + part_weight * cue.weight
            if part_weight == TITLE_WEIGHT:
                in_title.add(cue.category)
    # A headline names what happened; the body also tells the background (the air strikes that preceded a retreat),
    # so a category cued in the headline wins over one that only piles up cues in the body.
    ranked = sorted(scores.items(), key=lambda kv: (kv[0] not in in_title, -kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE:
        return CategoryResult(GENERIC, ranked[0][1] if ranked else 0.0, None)
    best, best_score = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else None
    if (
        best == "attack"
        and runner_up is not None
        and relation("attack", runner_up) == "compatible"
        and (runner_up not in FOLLOW_UP_CATEGORIES or runner_up in in_title)
    ):
        # "Attack" in a headline is generic; the body's "chemical attack" or "air strike" says which kind. A follow-up
        # only when the headline names it too ("tavern massacre accused in court"): "Man fighting for life after
        # attack outside Exeter bar", whose body says two men were arrested, is the attack.
        best, runner_up, best_score = runner_up, best, max(best_score, ranked[1][1])
    elif best == "arrest" and runner_up == "drug_seizure" and runner_up in in_title:
        # An arrest whose headline names the drugs found is the raid's: "RAB-8 arrests two with 4,000 yaba tablets".
        best, runner_up, best_score = runner_up, best, max(best_score, ranked[1][1])
    return CategoryResult(
        best, round(best_score, 2), runner_up, best in in_title or runner_up == "attack", runner_up in in_title
    )


def classify_text(title: str, body: str) -> CategoryResult:
    """`classify` on raw text (tests, tools): splits words and sentences the same way the matcher does."""
    from streams.incidents.text import TermWeights, analyse

    analysis = analyse(title, body, TermWeights(), 1, 1)
    return classify(analysis.title_words, analysis.lead_words, analysis.rest_words)


def relation(a: str, b: str) -> str:
    """`same`, `compatible`, `conflict`, or `unknown` (one side unclassified)."""
    if GENERIC in (a, b):
        return "unknown"
    if a == b:
        return "same"
    if frozenset({a, b}) in COMPATIBLE:
        return "compatible"
    return "conflict"
