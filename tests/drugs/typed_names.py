"""What patients type: every brand and product of the shared list as printed on the box, every
ingredient under its generic name, and the other names patients use. Written by hand from
shared/reference/names-and-classes.md, not read back from names.json, so tests/drugs/test_names.py
checks the data as well as the code."""


def _words(text: str) -> list[str]:
    return text.split()


APAP, ASA, CAF, HC, OX = "acetaminophen", "aspirin", "caffeine", "hydrocodone", "oxycodone"
CODEINE = "codeine"

# Every brand and product of the shared list, as printed on the box.
BRANDS = {
    # Opioids
    "Norco": {HC, APAP},
    "Vicodin": {HC, APAP},
    "Lortab": {HC, APAP},
    "Lorcet": {HC, APAP},
    "Xodol": {HC, APAP},
    "Verdrocet": {HC, APAP},
    "Hysingla ER": {HC},
    "Zohydro ER": {HC},
    "Tussionex": {HC, "chlorpheniramine"},
    "Hycodan": {HC, "homatropine"},
    "Apadaz": {"benzhydrocodone", APAP},
    "OxyContin": {OX},
    "Roxicodone": {OX},
    "Oxaydo": {OX},
    "Xtampza ER": {OX},
    "Percocet": {OX, APAP},
    "Endocet": {OX, APAP},
    "Roxicet": {OX, APAP},
    "Primlev": {OX, APAP},
    "Nalocet": {OX, APAP},
    "Percodan": {OX, ASA},
    "Tylenol #3": {APAP, CODEINE},
    "Tylenol #4": {APAP, CODEINE},
    "Tylenol with Codeine": {APAP, CODEINE},
    "promethazine with codeine": {"promethazine", CODEINE},
    "Fioricet with Codeine": {"butalbital", APAP, CAF, CODEINE},
    "MS Contin": {"morphine"},
    "Kadian": {"morphine"},
    "Arymo ER": {"morphine"},
    "Dilaudid": {"hydromorphone"},
    "Exalgo": {"hydromorphone"},
    "Opana": {"oxymorphone"},
    "Opana ER": {"oxymorphone"},
    "Duragesic": {"fentanyl"},
    "Actiq": {"fentanyl"},
    "Fentora": {"fentanyl"},
    "Subsys": {"fentanyl"},
    "Lazanda": {"fentanyl"},
    "Abstral": {"fentanyl"},
    "Dolophine": {"methadone"},
    "Methadose": {"methadone"},
    "Diskets": {"methadone"},
    "Suboxone": {"buprenorphine", "naloxone"},
    "Zubsolv": {"buprenorphine", "naloxone"},
    "Bunavail": {"buprenorphine", "naloxone"},
    "Subutex": {"buprenorphine"},
    "Sublocade": {"buprenorphine"},
    "Brixadi": {"buprenorphine"},
    "Butrans": {"buprenorphine"},
    "Belbuca": {"buprenorphine"},
    "Ultram": {"tramadol"},
    "ConZip": {"tramadol"},
    "Qdolo": {"tramadol"},
    "Ultracet": {"tramadol", APAP},
    "Nucynta": {"tapentadol"},
    "Nucynta ER": {"tapentadol"},
    "Demerol": {"meperidine"},
    "Stadol": {"butorphanol"},
    "Talwin": {"pentazocine", "naloxone"},
    "Trezix": {"dihydrocodeine", APAP, CAF},
    "Olinvyk": {"oliceridine"},
    # Benzodiazepines
    "Xanax": {"alprazolam"},
    "Xanax XR": {"alprazolam"},
    "Niravam": {"alprazolam"},
    "Klonopin": {"clonazepam"},
    "Valium": {"diazepam"},
    "Diastat": {"diazepam"},
    "Valtoco": {"diazepam"},
    "Libervant": {"diazepam"},
    "Ativan": {"lorazepam"},
    "Loreev XR": {"lorazepam"},
    "Restoril": {"temazepam"},
    "Halcion": {"triazolam"},
    "Librium": {"chlordiazepoxide"},
    "Librax": {"chlordiazepoxide", "clidinium"},
    "Limbitrol": {"chlordiazepoxide", "amitriptyline"},
    "Tranxene": {"clorazepate"},
    "Doral": {"quazepam"},
    "Nayzilam": {"midazolam"},
    "Seizalam": {"midazolam"},
    "Onfi": {"clobazam"},
    "Sympazan": {"clobazam"},
    "Byfavo": {"remimazolam"},
    # Barbiturates
    "Fioricet": {"butalbital", APAP, CAF},
    "Esgic": {"butalbital", APAP, CAF},
    "Fiorinal": {"butalbital", ASA, CAF},
    "Seconal": {"secobarbital"},
    "Nembutal": {"pentobarbital"},
    "Mysoline": {"primidone"},
    # Z-drugs
    "Ambien": {"zolpidem"},
    "Ambien CR": {"zolpidem"},
    "Edluar": {"zolpidem"},
    "Intermezzo": {"zolpidem"},
    "Zolpimist": {"zolpidem"},
    "Lunesta": {"eszopiclone"},
    "Sonata": {"zaleplon"},
    # Gabapentinoids
    "Neurontin": {"gabapentin"},
    "Gralise": {"gabapentin"},
    "Horizant": {"gabapentin enacarbil"},
    "Lyrica": {"pregabalin"},
    "Lyrica CR": {"pregabalin"},
    # Other muscle relaxants
    "Flexeril": {"cyclobenzaprine"},
    "Amrix": {"cyclobenzaprine"},
    "Fexmid": {"cyclobenzaprine"},
    "Robaxin": {"methocarbamol"},
    "Skelaxin": {"metaxalone"},
    "Zanaflex": {"tizanidine"},
    "Norflex": {"orphenadrine"},
    "Norgesic": {"orphenadrine", ASA, CAF},
    "Parafon Forte": {"chlorzoxazone"},
    "Lorzone": {"chlorzoxazone"},
    "Lioresal": {"baclofen"},
    "Gablofen": {"baclofen"},
    "Ozobax": {"baclofen"},
    "Lyvispah": {"baclofen"},
    # Sedating antihistamines
    "Benadryl": {"diphenhydramine"},
    "ZzzQuil": {"diphenhydramine"},
    "Unisom SleepGels": {"diphenhydramine"},
    "Tylenol PM": {APAP, "diphenhydramine"},
    "Advil PM": {"ibuprofen", "diphenhydramine"},
    "Aleve PM": {"naproxen", "diphenhydramine"},
    "Unisom SleepTabs": {"doxylamine"},
    "NyQuil": {"doxylamine", APAP, "dextromethorphan"},
    "Atarax": {"hydroxyzine"},
    "Vistaril": {"hydroxyzine"},
    "Phenergan": {"promethazine"},
    "Chlor-Trimeton": {"chlorpheniramine"},
    "Antivert": {"meclizine"},
    "Bonine": {"meclizine"},
    "Dramamine": {"dimenhydrinate"},
    # Tricyclics, other sedating antidepressants, sedating antipsychotics
    "Elavil": {"amitriptyline"},
    "Pamelor": {"nortriptyline"},
    "Silenor": {"doxepin"},
    "Sinequan": {"doxepin"},
    "Tofranil": {"imipramine"},
    "Norpramin": {"desipramine"},
    "Anafranil": {"clomipramine"},
    "Desyrel": {"trazodone"},
    "Remeron": {"mirtazapine"},
    "Seroquel": {"quetiapine"},
    "Zyprexa": {"olanzapine"},
    "Clozaril": {"clozapine"},
    # Cannabis
    "Marinol": {"dronabinol"},
    "Syndros": {"dronabinol"},
    "Cesamet": {"nabilone"},
    # Duplicate therapy
    "Soma": {"carisoprodol"},
    "Vanadom": {"carisoprodol"},
    "Soma Compound": {"carisoprodol", ASA},
    "Soma Compound with Codeine": {"carisoprodol", ASA, CODEINE},
    "Miltown": {"meprobamate"},
    "Equanil": {"meprobamate"},
    # CYP2C19 (kept members)
    "Prilosec": {"omeprazole"},
    "Zegerid": {"omeprazole", "sodium bicarbonate"},
    "Nexium": {"esomeprazole"},
    "Luvox": {"fluvoxamine"},
    "Diflucan": {"fluconazole"},
    "Rifadin": {"rifampin"},
    "Rimactane": {"rifampin"},
    "Erleada": {"apalutamide"},
    # Pain relievers without a rule (aspirin: minor)
    "Tylenol": {APAP},
    "Panadol": {APAP},
    "Mapap": {APAP},
    "Advil": {"ibuprofen"},
    "Motrin": {"ibuprofen"},
    "Aleve": {"naproxen"},
    "Naprosyn": {"naproxen"},
    "Anaprox": {"naproxen"},
    "Bayer": {ASA},
    "Ecotrin": {ASA},
    "Celebrex": {"celecoxib"},
    "Mobic": {"meloxicam"},
    "Voltaren": {"diclofenac"},
}

# Every ingredient of the shared list under its generic name, and the other names patients use.
GENERIC_NAMES = _words(
    """
    hydrocodone oxycodone codeine morphine hydromorphone oxymorphone fentanyl methadone
    buprenorphine tramadol tapentadol meperidine levorphanol butorphanol pentazocine nalbuphine
    dihydrocodeine oliceridine alprazolam clonazepam diazepam lorazepam temazepam triazolam
    chlordiazepoxide clorazepate oxazepam estazolam flurazepam quazepam midazolam clobazam
    remimazolam butalbital phenobarbital secobarbital pentobarbital primidone zolpidem
    eszopiclone zaleplon gabapentin pregabalin cyclobenzaprine methocarbamol metaxalone
    tizanidine orphenadrine chlorzoxazone baclofen diphenhydramine doxylamine hydroxyzine
    promethazine chlorpheniramine meclizine dimenhydrinate amitriptyline nortriptyline doxepin
    imipramine desipramine clomipramine protriptyline trimipramine trazodone mirtazapine
    quetiapine olanzapine chlorpromazine clozapine cannabis dronabinol nabilone carisoprodol
    meprobamate omeprazole esomeprazole fluvoxamine fluconazole rifampin apalutamide
    acetaminophen ibuprofen naproxen aspirin celecoxib meloxicam diclofenac
    """
)

OTHER_NAMES = {
    "APAP": APAP,
    "paracetamol": APAP,
    "rifampicin": "rifampin",
    "THC": "cannabis",
    "marijuana": "cannabis",
    "pethidine": "meperidine",
    "ethanol": "alcohol",
    "alcohol": "alcohol",
    "hypericum": "St. John's Wort",
    "gabapentin enacarbil": "gabapentin enacarbil",
    "benzhydrocodone": "benzhydrocodone",
    **dict.fromkeys(_words("beer wine liquor spirits vodka whiskey whisky gin rum"), "alcohol"),
    **dict.fromkeys(["tequila", "brandy", "hard seltzer"], "alcohol"),
}
