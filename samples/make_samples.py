#!/usr/bin/env python3
"""Writes the sample tender's ESPD/UEA XML files (our own, in the shape of each generation).

The bidders, their answers and their identities are invented. The XML follows the structures
described in shared/espd-formats.md for EDM v4.1.0, v3.3.0, v2.1.1 and the 2016 v1 format.
Edit the BIDDERS table and run `python3 samples/make_samples.py` to regenerate.
"""
import os
import uuid
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
TENDER = os.path.join(HERE, "zonnepark-lelystad")
FOLDER_ID = "PFL-2026-017"
NS = uuid.UUID("6f1c9f5e-2b0c-4c43-9f4e-1c2d3e4f5a6b")

GROUNDS = [  # (C#, uuid, short, long, name, part)
    ("C1", "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab", "crime-org", "CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION", "Participation in a criminal organisation", "A"),
    ("C2", "c27b7c4e-c837-4529-b867-ed55ce639db5", "corruption", "CRITERION.EXCLUSION.CONVICTIONS.CORRUPTION", "Corruption", "A"),
    ("C3", "297d2323-3ede-424e-94bc-a91561e6f320", "fraud", "CRITERION.EXCLUSION.CONVICTIONS.FRAUD", "Fraud", "A"),
    ("C4", "d486fb70-86b3-4e75-97f2-0d71b5697c7d", "terr-offence", "CRITERION.EXCLUSION.CONVICTIONS.TERRORIST_OFFENCES", "Terrorist offences or offences linked to terrorist activities", "A"),
    ("C5", "47112079-6fec-47a3-988f-e561668c3aef", "finan-laund", "CRITERION.EXCLUSION.CONVICTIONS.MONEY_LAUNDERING", "Money laundering or terrorist financing", "A"),
    ("C6", "d789d01a-fe03-4ccd-9898-73f9cfa080d1", "human-traffic", "CRITERION.EXCLUSION.CONVICTIONS.CHILD_LABOUR-HUMAN_TRAFFICKING", "Child labour and other forms of trafficking in human beings", "A"),
    ("C7", "b61bbeb7-690e-4a40-bc68-d6d4ecfaa3d4", "tax-pay", "CRITERION.EXCLUSION.CONTRIBUTIONS.PAYMENT_OF_TAXES", "Payment of taxes", "B"),
    ("C8", "7d85e333-bbab-49c0-be8d-c36d71a72f5e", "socsec-pay", "CRITERION.EXCLUSION.CONTRIBUTIONS.PAYMENT_OF_SOCIAL_SECURITY", "Payment of social security contributions", "B"),
    ("C9", "a80ddb62-d25b-4e4e-ae22-3968460dc0a9", "envir-law", "CRITERION.EXCLUSION.SOCIAL.ENVIRONMENTAL_LAW", "Breaching of obligations in the fields of environmental law", "C"),
    ("C10", "a261a395-ed17-4939-9c75-b9ff1109ca6e", "socsec-law", "CRITERION.EXCLUSION.SOCIAL.SOCIAL_LAW", "Breaching of obligations in the fields of social law", "C"),
    ("C11", "a34b70d6-c43d-4726-9a88-8e2b438424bf", "labour-law", "CRITERION.EXCLUSION.SOCIAL.LABOUR_LAW", "Breaching of obligations in the fields of labour law", "C"),
    ("C12", "d3732c09-7d62-4edc-a172-241da6636e7c", "bankruptcy", "CRITERION.EXCLUSION.BUSINESS.BANKRUPTCY", "Bankruptcy", "C"),
    ("C13", "396f288a-e267-4c20-851a-ed4f7498f137", "insolvency", "CRITERION.EXCLUSION.BUSINESS.INSOLVENCY", "Insolvency", "C"),
    ("C14", "68918c7a-f5bc-4a1a-a62f-ad8983600d48", "cred-arran", "CRITERION.EXCLUSION.BUSINESS.CREDITORS_ARRANGEMENT", "Arrangement with creditors", "C"),
    ("C15", "daffa2a9-9f8f-4568-8be8-7b8bf306d096", "bankr-nat", "CRITERION.EXCLUSION.BUSINESS.BANKRUPTCY_ANALOGOUS", "Analogous situation like bankruptcy under national law", "C"),
    ("C16", "8fda202a-0c37-41bb-9d7d-de3f49edbfcb", "liq-admin", "CRITERION.EXCLUSION.BUSINESS.LIQUIDATOR_ADMINISTERED", "Assets being administered by liquidator", "C"),
    ("C17", "166536e2-77f7-455c-b018-70582474e4f6", "susp-act", "CRITERION.EXCLUSION.BUSINESS.ACTIVITIES_SUSPENDED", "Business activities are suspended", "C"),
    ("C18", "514d3fde-1e3e-4dcd-b02a-9f984d5bbda3", "prof-misconduct", "CRITERION.EXCLUSION.MISCONDUCT.MC_PROFESSIONAL", "Guilty of grave professional misconduct", "C"),
    ("C19", "56d13e3d-76e8-4f23-8af6-13e60a2ee356", "distorsion", "CRITERION.EXCLUSION.MISCONDUCT.MARKET_DISTORTION", "Agreements with other economic operators aimed at distorting competition", "C"),
    ("C20", "b1b5ac18-f393-4280-9659-1367943c1a2e", "partic-confl", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.PROCEDURE_PARTICIPATION", "Conflict of interest due to its participation in the procurement procedure", "C"),
    ("C21", "61874050-5130-4f1c-a174-720939c7b483", "prep-confl", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.PROCEDURE_PREPARATION", "Direct or indirect involvement in the preparation of this procurement procedure", "C"),
    ("C22", "3293e92b-7f3e-42f1-bee6-a7641bb04251", "sanction", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.EARLY_TERMINATION", "Early termination, damages or other comparable sanctions", "C"),
    ("C23", "696a75b2-6107-428f-8b74-82affb67e184", "misrepresent", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.MISINTERPRETATION", "Guilty of misrepresentation, withheld information, unable to provide required documents and obtained confidential information of this procedure", "C"),
    ("C24", "63adb07d-db1b-4ef0-a14e-a99785cf8cf6", "nati-ground", "CRITERION.EXCLUSION.NATIONAL.OTHER", "Purely national exclusion grounds", "D"),
]
EO_GROUP = ("C59", "ee51100f-8e3e-40c9-8f8b-57d5a15be1f2", "eo-group", "CRITERION.OTHER.EO_DATA.TOGETHER_WITH_OTHERS", "Economic Operator together with others", "O")

def description(g, generation):
    c, short = g[0], g[2]
    if c == "C23":
        if generation == "v4":
            return "Can the economic operator confirm that: a) It has been guilty of serious misrepresentation in supplying the information required, b) It has withheld such information, c) It has not been able to submit the supporting documents, d) It has undertaken to unduly influence the decision making process?"
        return "Can the economic operator confirm the four exclusion grounds, that it has not been guilty of serious misrepresentation in supplying the information required?"
    if g[5] == "A":
        return f"Has the economic operator itself or any person who is a member of its administrative, management or supervisory body been the subject of a conviction by final judgment for {g[4].lower()}, by a conviction rendered at the most five years ago?"
    if c == "C7":
        return "Has the economic operator breached its obligations relating to the payment of taxes, both in the country in which it is established and in Member State of the contracting authority?"
    if c == "C8":
        return "Has the economic operator breached its obligations relating to the payment of social security contributions?"
    return f"{g[4]}: does this situation apply to the economic operator?"

def questions(g):
    """The question tree of a ground: (path, description, type, gate) with gate = parent indicator path."""
    qs = [("QG1/Q1", "Your answer", "INDICATOR", None)]
    part = g[5]
    if part == "A":
        qs += [("QG1/QSG1/Q1", "Date of conviction", "DATE", "QG1/Q1"), ("QG1/QSG1/Q2", "Reason", "DESCRIPTION", "QG1/Q1"),
               ("QG1/QSG1/Q3", "Who has been convicted", "DESCRIPTION", "QG1/Q1"), ("QG1/QSG1/Q4", "Length of the period of exclusion", "PERIOD", "QG1/Q1"),
               ("QG1/QSG1/QSG1/Q1", "Have you taken measures to demonstrate your reliability (Self-Cleaning)?", "INDICATOR", "QG1/Q1"),
               ("QG1/QSG1/QSG1/QSG1/Q1", "Please describe them", "DESCRIPTION", "QG1/QSG1/QSG1/Q1")]
    elif part == "B":
        qs += [("QG1/QSG1/Q1", "Country or member state concerned", "CODE_COUNTRY", "QG1/Q1"), ("QG1/QSG1/Q2", "Amount concerned", "AMOUNT", "QG1/Q1"),
               ("QG1/QSG1/QSG1/Q1", "Has the economic operator fulfilled its obligations by paying or entering into a binding arrangement?", "INDICATOR", "QG1/Q1"),
               ("QG1/QSG1/QSG1/QSG1/Q1", "Please describe them", "DESCRIPTION", "QG1/QSG1/QSG1/Q1")]
    elif g[0] in ("C20", "C21", "C23"):
        if g[0] != "C23":
            qs += [("QG1/QSG1/Q1", "Please describe them", "DESCRIPTION", "QG1/Q1")]
    elif part in ("C", "D"):
        qs += [("QG1/QSG1/Q1", "Please describe them", "DESCRIPTION", "QG1/Q1"),
               ("QG1/QSG1/Q2", "Date", "DATE", "QG1/Q1"),
               ("QG1/QSG1/QSG1/Q1", "Have you taken measures to demonstrate your reliability (Self-Cleaning)?", "INDICATOR", "QG1/Q1")]
    if part == "O":
        qs = [("QG1/Q1", "Your answer", "INDICATOR", None), ("QG1/QSG1/Q1", "Name of the group", "DESCRIPTION", "QG1/Q1")]
    return qs

def group_tree(qs):
    """Nest questions by their group path: {group: ([questions], {subgroup: ...})}."""
    root = {}
    for path, desc, typ, gate in qs:
        parts = path.split("/")
        node = root
        for i in range(len(parts) - 1):
            key = "/".join(parts[: i + 1])
            node = node.setdefault(key, {"props": [], "subs": {}, "gated": gate is not None and i == len(parts) - 2 and parts[i].startswith("QSG")})
            if i < len(parts) - 2:
                node = node["subs"]
        node["props"].append((path, desc, typ))
    return root

def prop_id(generation, g, path):
    if generation == "v4":
        return f"{g[0]}_{'EG' if g[5] != 'O' else 'OT'}_{g[2]}/{path}"
    return str(uuid.uuid5(NS, f"{generation}/{g[0]}/{path}"))

def edm_group_xml(generation, g, key, node, indent, top):
    tag = "cac:TenderingCriterionPropertyGroup" if top else "cac:SubsidiaryTenderingCriterionPropertyGroup"
    gid = prop_id(generation, g, key) if generation == "v4" else str(uuid.uuid5(NS, f"group/{generation}/{g[0]}/{key}"))
    kind = "ONTRUE" if key.split("/")[-1].startswith("QSG") else "ON*"
    out = [f"{indent}<{tag}>", f"{indent}  <cbc:ID>{gid}</cbc:ID>", f"{indent}  <cbc:PropertyGroupTypeCode>{kind}</cbc:PropertyGroupTypeCode>"]
    for path, desc, typ in node["props"]:
        out += [f"{indent}  <cac:TenderingCriterionProperty>", f"{indent}    <cbc:ID>{prop_id(generation, g, path)}</cbc:ID>",
                f"{indent}    <cbc:Description>{escape(desc)}</cbc:Description>", f"{indent}    <cbc:TypeCode>QUESTION</cbc:TypeCode>",
                f"{indent}    <cbc:ValueDataTypeCode>{typ}</cbc:ValueDataTypeCode>", f"{indent}  </cac:TenderingCriterionProperty>"]
    for sub_key, sub in node["subs"].items():
        out += edm_group_xml(generation, g, sub_key, sub, indent + "  ", False)
    out.append(f"{indent}</{tag}>")
    return out

def edm_value(typ, value):
    if typ == "INDICATOR": return f"<cbc:ResponseIndicator>{'true' if value else 'false'}</cbc:ResponseIndicator>"
    if typ == "DATE": return f"<cbc:ResponseDate>{value}</cbc:ResponseDate>"
    if typ == "DESCRIPTION": return f"<cbc:Description>{escape(value)}</cbc:Description>"
    if typ == "CODE_COUNTRY": return f"<cbc:ResponseCode>{value}</cbc:ResponseCode>"
    if typ == "AMOUNT": return f'<cbc:ResponseAmount currencyID="EUR">{value}</cbc:ResponseAmount>'
    raise ValueError(typ)

def edm_document(b):
    gen = b["generation"]
    ubl, pe, vid, profile = {"v4": ("2.3", "ESPD-EDMv4.1.0", "4.1.0", None), "v3": ("2.3", "ESPD-EDMv3.3.0", "3.3.0", None),
                             "v2": ("2.2", None, None, "Extended")}[gen]
    country = b["country3"] if gen in ("v3", "v4") else b["country"]
    role = {"v4": {"sole": "sole-tenderer", "lead": "group-lead", "member": "group-mem"}, "v3": {"sole": "sole-tenderer", "lead": "group-lead", "member": "group-mem"},
            "v2": {"sole": "SC", "lead": "LE", "member": "GM"}}[gen][b["role"]]
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         "<!-- Sample bid for uea-screen; invented data. Generated by samples/make_samples.py -->",
         '<QualificationApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"',
         '    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"',
         '    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">',
         f'  <cbc:UBLVersionID schemeAgencyID="OASIS-UBL-TC">{ubl}</cbc:UBLVersionID>']
    if pe: L.append(f'  <cbc:ProfileExecutionID schemeAgencyID="OP" schemeVersionID="{vid}">{pe}</cbc:ProfileExecutionID>')
    L += [f"  <cbc:ID>UEA-{b['slug']}</cbc:ID>", "  <cbc:CopyIndicator>false</cbc:CopyIndicator>",
          f"  <cbc:UUID>{uuid.uuid5(NS, b['slug'])}</cbc:UUID>", f"  <cbc:ContractFolderID schemeAgencyID=\"TeD\">{b.get('folder', FOLDER_ID)}</cbc:ContractFolderID>",
          f"  <cbc:IssueDate>{b['issued']}</cbc:IssueDate>"]
    if vid: L.append(f'  <cbc:VersionID schemeAgencyID="OP" schemeVersionID="{vid}">{vid}</cbc:VersionID>')
    else: L.append('  <cbc:VersionID schemeAgencyID="EU-COM-GROW" schemeVersionID="2.1.1">2.1.1</cbc:VersionID>')
    L.append("  <cbc:ProcedureCode>" + ("Open" if gen != "v2" else "OPEN") + "</cbc:ProcedureCode>")
    if profile: L.append(f'  <cbc:QualificationApplicationTypeCode listID="QualificationApplicationType" listVersionID="2.1.1">{profile}</cbc:QualificationApplicationTypeCode>')
    L += ["  <cac:ContractingParty>", "    <cac:Party>", "      <cac:PartyIdentification><cbc:ID>NL001234567B01</cbc:ID></cac:PartyIdentification>",
          "      <cac:PartyName><cbc:Name>Provincie Flevoland</cbc:Name></cac:PartyName>",
          f"      <cac:PostalAddress><cbc:CityName>Lelystad</cbc:CityName><cac:Country><cbc:IdentificationCode>{'NLD' if gen in ('v3', 'v4') else 'NL'}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>",
          "    </cac:Party>", "  </cac:ContractingParty>",
          "  <cac:EconomicOperatorParty>", f"    <cac:EconomicOperatorRole><cbc:RoleCode>{role}</cbc:RoleCode></cac:EconomicOperatorRole>", "    <cac:Party>",
          f"      <cbc:IndustryClassificationCode>{b['size'] if gen != 'v2' else b['size'].upper()}</cbc:IndustryClassificationCode>"]
    for value, scheme in b["ids"]:
        L.append(f'      <cac:PartyIdentification><cbc:ID schemeID="{scheme}">{value}</cbc:ID></cac:PartyIdentification>')
    L += [f"      <cac:PartyName><cbc:Name>{escape(b['name'])}</cbc:Name></cac:PartyName>",
          f"      <cac:PostalAddress><cbc:StreetName>{escape(b['street'])}</cbc:StreetName><cbc:CityName>{escape(b['city'])}</cbc:CityName><cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>"]
    for first, family, rrole in b.get("representatives", []):
        L += ["      <cac:PowerOfAttorney>", f"        <cbc:Description>{escape(rrole)}</cbc:Description>",
              f"        <cac:AgentParty><cac:Person><cbc:FirstName>{escape(first)}</cbc:FirstName><cbc:FamilyName>{escape(family)}</cbc:FamilyName></cac:Person></cac:AgentParty>",
              "      </cac:PowerOfAttorney>"]
    L += ["    </cac:Party>", "  </cac:EconomicOperatorParty>", "  <cac:ProcurementProject>",
          "    <cbc:Name>Zonnepark Lelystad-Noord, ontwerp en aanleg</cbc:Name>", "    <cbc:ProcurementTypeCode>WORKS</cbc:ProcurementTypeCode>",
          "    <cac:MainCommodityClassification><cbc:ItemClassificationCode listID=\"CPV\">45261215-4</cbc:ItemClassificationCode></cac:MainCommodityClassification>",
          "    <cac:AdditionalCommodityClassification><cbc:ItemClassificationCode listID=\"CPV\">09331200-0</cbc:ItemClassificationCode></cac:AdditionalCommodityClassification>",
          "  </cac:ProcurementProject>", "  <cac:ProcurementProjectLot><cbc:ID>LOT-0000</cbc:ID></cac:ProcurementProjectLot>"]
    criteria = GROUNDS + ([EO_GROUP] if b["role"] in ("lead", "member") else [])
    for g in criteria:
        code = g[2] if gen in ("v3", "v4") else g[3]
        cid = g[1] if not (gen == "v4" and g[5] == "O") else f"{g[0]}_OT_{g[2]}"
        L += ["  <cac:TenderingCriterion>", f"    <cbc:ID>{cid}</cbc:ID>", f"    <cbc:CriterionTypeCode>{code}</cbc:CriterionTypeCode>",
              f"    <cbc:Name>{escape(g[4])}</cbc:Name>", f"    <cbc:Description>{escape(description(g, gen))}</cbc:Description>"]
        for key, node in group_tree(questions(g)).items():
            L += edm_group_xml(gen, g, key, node, "    ", True)
        L.append("  </cac:TenderingCriterion>")
    answers = b["answers"]
    for g in criteria:
        given = answers.get(g[0], {"QG1/Q1": False})
        for path, desc, typ, gate in questions(g):
            if path not in given: continue
            pid = prop_id(gen, g, path)
            rid = (pid + ("/R1" if path.count("/") == 1 else "/R1/R1")) if gen == "v4" else str(uuid.uuid5(NS, f"response/{gen}/{b['slug']}/{g[0]}/{path}"))
            L += ["  <cac:TenderingCriterionResponse>", f"    <cbc:ID>{rid}</cbc:ID>", f"    <cbc:ValidatedCriterionPropertyID>{pid}</cbc:ValidatedCriterionPropertyID>"]
            if typ == "PERIOD":
                start, end = given[path]
                L += [f"    <cac:ApplicablePeriod><cbc:StartDate>{start}</cbc:StartDate><cbc:EndDate>{end}</cbc:EndDate></cac:ApplicablePeriod>"]
            else:
                L += [f"    <cac:ResponseValue>{edm_value(typ, given[path])}</cac:ResponseValue>"]
            L.append("  </cac:TenderingCriterionResponse>")
    L.append("</QualificationApplicationResponse>")
    return "\n".join(L) + "\n"

def v1_value(typ, value):
    if typ == "INDICATOR": return f"<ccv-cbc:Indicator>{'true' if value else 'false'}</ccv-cbc:Indicator>"
    if typ == "DATE": return f"<cbc:Date>{value}</cbc:Date>"
    if typ == "DESCRIPTION": return f"<cbc:Description>{escape(value)}</cbc:Description>"
    if typ == "CODE_COUNTRY": return f"<ccv-cbc:Code>{value}</ccv-cbc:Code>"
    if typ == "AMOUNT": return f'<cbc:Amount currencyID="EUR">{value}</cbc:Amount>'
    if typ == "PERIOD": return f"<cac:Period><cbc:StartDate>{value[0]}</cbc:StartDate><cbc:EndDate>{value[1]}</cbc:EndDate></cac:Period>"
    raise ValueError(typ)

def v1_group(g, key, node, answers, indent):
    pi = ' pi="GROUP_FULFILLED.ON_TRUE"' if key.split("/")[-1].startswith("QSG") else ""
    out = [f"{indent}<ccv:RequirementGroup{pi}>", f"{indent}  <cbc:ID>{uuid.uuid5(NS, 'v1group/' + g[0] + '/' + key)}</cbc:ID>"]
    for path, desc, typ in node["props"]:
        rtype = "PERIOD" if typ == "PERIOD" else ("CODE_COUNTRY" if typ == "CODE_COUNTRY" else typ)
        out += [f'{indent}  <ccv:Requirement responseDataType="{rtype}">', f"{indent}    <cbc:ID>{uuid.uuid5(NS, 'v1/' + g[0] + '/' + path)}</cbc:ID>",
                f"{indent}    <cbc:Description>{escape(desc)}</cbc:Description>"]
        out.append(f"{indent}    <ccv:Response>{v1_value(typ, answers[path])}</ccv:Response>" if path in answers else f"{indent}    <ccv:Response/>")
        out.append(f"{indent}  </ccv:Requirement>")
    for sub_key, sub in node["subs"].items():
        out += v1_group(g, sub_key, sub, answers, indent + "  ")
    out.append(f"{indent}</ccv:RequirementGroup>")
    return out

def v1_document(b):
    L = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
         "<!-- Sample bid for uea-screen; invented data (ESPD v1, 2016 EU ESPD service / TenderNed UEA shape). Generated by samples/make_samples.py -->",
         '<espd:ESPDResponse xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:ccv-cbc="urn:isa:names:specification:ubl:schema:xsd:CCV-CommonBasicComponents-1" xmlns:cev="urn:isa:names:specification:ubl:schema:xsd:CEV-CommonAggregateComponents-1" xmlns:espd="urn:grow:names:specification:ubl:schema:xsd:ESPDResponse-1" xmlns:espd-cbc="urn:grow:names:specification:ubl:schema:xsd:ESPD-CommonBasicComponents-1" xmlns:ccv="urn:isa:names:specification:ubl:schema:xsd:CCV-CommonAggregateComponents-1" xmlns:espd-cac="urn:grow:names:specification:ubl:schema:xsd:ESPD-CommonAggregateComponents-1">',
         '    <cbc:UBLVersionID schemeAgencyID="OASIS-UBL-TC">2.1</cbc:UBLVersionID>',
         '    <cbc:CustomizationID schemeAgencyID="BII">urn:www.cenbii.eu:transaction:biitrns092:ver3.0</cbc:CustomizationID>',
         f"    <cbc:ID>{uuid.uuid5(NS, b['slug'])}</cbc:ID>", "    <cbc:CopyIndicator>false</cbc:CopyIndicator>",
         '    <cbc:VersionID schemeAgencyID="EU-COM-GROW">2016.11.01</cbc:VersionID>', f"    <cbc:IssueDate>{b['issued']}</cbc:IssueDate>",
         f'    <cbc:ContractFolderID schemeAgencyID="TeD">{b.get("folder", FOLDER_ID)}</cbc:ContractFolderID>',
         "    <cac:ContractingParty><cac:Party><cac:PartyName><cbc:Name>Provincie Flevoland</cbc:Name></cac:PartyName></cac:Party></cac:ContractingParty>",
         "    <espd-cac:EconomicOperatorParty>", f"        <espd-cbc:SMEIndicator>{'true' if b['size'] != 'large' else 'false'}</espd-cbc:SMEIndicator>",
         "        <espd-cbc:EconomicOperatorRoleCode>MT</espd-cbc:EconomicOperatorRoleCode>"]
    for first, family, rrole in b.get("representatives", []):
        L += ["        <espd-cac:RepresentativeNaturalPerson>", f"            <espd-cbc:NaturalPersonRoleDescription>{escape(rrole)}</espd-cbc:NaturalPersonRoleDescription>",
              f"            <cac:PowerOfAttorney><cac:AgentParty><cac:Person><cbc:FirstName>{escape(first)}</cbc:FirstName><cbc:FamilyName>{escape(family)}</cbc:FamilyName></cac:Person></cac:AgentParty></cac:PowerOfAttorney>",
              "        </espd-cac:RepresentativeNaturalPerson>"]
    L += ["        <cac:Party>"]
    for value, scheme in b["ids"]:
        L.append(f'            <cac:PartyIdentification><cbc:ID schemeID="{scheme}">{value}</cbc:ID></cac:PartyIdentification>')
    L += [f"            <cac:PartyName><cbc:Name>{escape(b['name'])}</cbc:Name></cac:PartyName>",
          f"            <cac:PostalAddress><cbc:StreetName>{escape(b['street'])}</cbc:StreetName><cbc:CityName>{escape(b['city'])}</cbc:CityName><cac:Country><cbc:IdentificationCode>{b['country']}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>",
          "        </cac:Party>", "    </espd-cac:EconomicOperatorParty>", "    <cac:ProcurementProjectLot><cbc:ID>0</cbc:ID></cac:ProcurementProjectLot>"]
    for g in GROUNDS:
        L += ["    <ccv:Criterion>", f"        <cbc:ID>{g[1]}</cbc:ID>", f"        <cbc:TypeCode>{g[3]}</cbc:TypeCode>",
              f"        <cbc:Name>{escape(g[4])}</cbc:Name>", f"        <cbc:Description>{escape(description(g, 'v1'))}</cbc:Description>",
              "        <ccv:LegislationReference><ccv-cbc:Title>Directive 2014/24/EU</ccv-cbc:Title><ccv-cbc:Article>57</ccv-cbc:Article></ccv:LegislationReference>"]
        given = b["answers"].get(g[0], {"QG1/Q1": False})
        for key, node in group_tree(questions(g)).items():
            L += v1_group(g, key, node, given, "        ")
        L.append("    </ccv:Criterion>")
    L.append("</espd:ESPDResponse>")
    return "\n".join(L) + "\n"

NO = {"QG1/Q1": False}
BIDDERS = [
    dict(slug="zonnebouw-flevoland", folder_name="1-zonnebouw-flevoland", file="uea.xml", generation="v4", name="Zonnebouw Flevoland B.V.",
         ids=[("68452193", "KVK"), ("NL857412369B01", "VAT")], country="NL", country3="NLD", street="Zuiderwagenplein 12", city="Lelystad",
         size="medium", role="sole", issued="2026-10-09", representatives=[("Marieke", "Hoekstra", "directeur")], answers={}),
    dict(slug="polder-energie-combinatie", folder_name="2-polder-energie-combinatie", file="uea-penvoerder.xml", generation="v2", name="Polder Energie Techniek B.V.",
         ids=[("30291847", "KVK")], country="NL", country3="NLD", street="Industrieweg 4", city="Emmeloord", size="small", role="lead", issued="2026-10-12",
         representatives=[("Jan Willem", "van den Berg", "bestuurder")],
         answers={"C3": {"QG1/Q1": True, "QG1/QSG1/Q1": "2023-03-14", "QG1/QSG1/Q2": "[vertrouwelijk: zie bijlage]", "QG1/QSG1/Q3": "voormalig bestuurder",
                         "QG1/QSG1/QSG1/Q1": True, "QG1/QSG1/QSG1/QSG1/Q1": "Bestuurder ontslagen, compliance-officer aangesteld, schade vergoed."},
                  "C12": {"QG1/Q1": True, "QG1/QSG1/Q1": "Dochteronderneming PET Montage B.V. failliet verklaard.", "QG1/QSG1/Q2": "2025-02-03"},
                  "C59": {"QG1/Q1": True, "QG1/QSG1/Q1": "Combinatie Polder Energie"}}),
    dict(slug="sunrise-pv-trading", folder_name="3-sunrise-pv-trading", file="espd.xml", generation="v3", name="Sunrise PV Trading GmbH",
         ids=[("DE318422907", "VAT")], country="DE", country3="DEU", street="Hafenstrasse 88", city="Hamburg", size="large", role="sole", issued="2026-10-14",
         representatives=[("Li", "Wei", "Geschäftsführer")],
         answers={"C7": {"QG1/Q1": True, "QG1/QSG1/Q1": "DEU", "QG1/QSG1/Q2": "18400", "QG1/QSG1/QSG1/Q1": True, "QG1/QSG1/QSG1/QSG1/Q1": "Betalingsregeling met het Finanzamt Hamburg, bijlage 4."}}),
    dict(slug="bouwgroep-de-vries", folder_name="4-bouwgroep-de-vries", file="uea-2016.xml", generation="v1", name="Bouwgroep De Vries Holding B.V.",
         ids=[("75120466", "KVK")], country="NL", country3="NLD", street="Kemphaan 1", city="Almere", size="small", role="sole", issued="2026-10-13",
         representatives=[("Pieter", "de Vries", "bestuurder"), ("Anna", "Smit", "gevolmachtigde")],
         answers={"C21": {"QG1/Q1": True}, "C9": {}}),
]

def request_document():
    """The province's ESPD request for the tender (EDM v4.1.0): the 24 exclusion grounds, no answers."""
    b = dict(BIDDERS[0], slug="verzoek", answers={})
    text = edm_document(b)
    text = text.replace("QualificationApplicationResponse", "QualificationApplicationRequest")
    # A request has no economic operator and no answers.
    start, end = text.index("  <cac:EconomicOperatorParty>"), text.index("  </cac:EconomicOperatorParty>\n") + len("  </cac:EconomicOperatorParty>\n")
    text = text[:start] + text[end:]
    text = "\n".join(line for line in text.split("\n") if "TenderingCriterionResponse" not in line and "ValidatedCriterionPropertyID" not in line
                     and "<cac:ResponseValue>" not in line and "<cac:ApplicablePeriod>" not in line and not line.startswith("    <cbc:ID>C") )
    return text.replace("Sample bid for uea-screen", "Sample ESPD request of the province for uea-screen")


def main():
    with open(os.path.join(TENDER, "espd-request.xml"), "w", encoding="utf-8") as f:
        f.write(request_document())
    for b in BIDDERS:
        folder = os.path.join(TENDER, "bidders", b["folder_name"])
        os.makedirs(folder, exist_ok=True)
        text = v1_document(b) if b["generation"] == "v1" else edm_document(b)
        with open(os.path.join(folder, b["file"]), "w", encoding="utf-8") as f:
            f.write(text)
    print("wrote", len(BIDDERS), "ESPD responses under", TENDER)

if __name__ == "__main__":
    main()
