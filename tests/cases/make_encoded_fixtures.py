#!/usr/bin/env python3
"""Writes the fixtures whose exact bytes matter (BOM, UTF-16LE, Windows-1252, CRLF).

Run from this folder: `python3 make_encoded_fixtures.py`. All values are invented (Northwind Labs).
The committed `input.*` files are the output; this script documents how they were made.
"""
import csv
import io

# --- Microsoft 365 active user detail: UTF-8 with a BOM (as the admin center / Graph download) ---
M365_HEADER = [
    "Report Refresh Date", "User Principal Name", "Display Name", "Is Deleted", "Deleted Date",
    "Has Exchange License", "Has OneDrive License", "Has SharePoint License",
    "Has Skype For Business License", "Has Yammer License", "Has Teams License",
    "Exchange Last Activity Date", "OneDrive Last Activity Date", "SharePoint Last Activity Date",
    "Skype For Business Last Activity Date", "Yammer Last Activity Date", "Teams Last Activity Date",
    "Exchange License Assign Date", "OneDrive License Assign Date", "SharePoint License Assign Date",
    "Skype For Business License Assign Date", "Yammer License Assign Date", "Teams License Assign Date",
    "Assigned Products",
]
STD = "MICROSOFT 365 BUSINESS STANDARD"
PREM = "MICROSOFT 365 BUSINESS PREMIUM"
# (upn, name, deleted_date, licensed, exchange, onedrive, sharepoint, teams, assigned, products)
M365_USERS = [
    ("ada.okafor@northwind.example", "Ada Okafor", "", True, "2026-11-19", "2026-11-18", "2026-11-17", "2026-11-19", "2024-02-01", PREM),
    ("ben.larsen@northwind.example", "Ben Larsen", "", True, "2026-11-20", "2026-11-02", "", "2026-11-20", "2023-09-12", STD),
    ("chloe.martin@northwind.example", "Chloé Martin", "", True, "2026-11-18", "", "2026-10-28", "2026-11-18", "2025-01-06", STD),
    ("dev.patel@northwind.example", "Dev Patel", "", True, "2026-08-03", "", "", "2026-07-30", "2022-05-16", STD),
    ("elena.rossi@northwind.example", "Elena Rossi", "", True, "", "", "", "", "2026-11-03", STD),
    ("farid.haddad@northwind.example", "Farid Haddad", "", True, "2026-11-20", "2026-11-20", "2026-11-19", "2026-11-20", "2021-03-01", PREM + "+MICROSOFT TEAMS ROOMS BASIC"),
    ("grace.kim@northwind.example", "Grace Kim", "2026-10-15", True, "2026-10-14", "2026-10-10", "", "2026-10-14", "2023-04-03", STD),
    ("hugo.brandt@northwind.example", "Hugo Brandt", "", True, "2026-11-12", "", "", "", "2024-06-10", "EXCHANGE ONLINE (PLAN 1)"),
    ("isla.murphy@northwind.example", "Isla Murphy", "", True, "2026-11-19", "2026-11-11", "2026-11-11", "2026-11-19", "2025-08-18", STD + "+VISIO PLAN 2"),
    ("jon.silva@northwind.example", "Jon Silva", "", True, "2026-05-21", "", "", "", "2020-11-09", STD),
    ("kemi.adebayo@northwind.example", "Kemi Adebayo", "", True, "2026-11-20", "2026-11-20", "2026-11-20", "2026-11-20", "2022-01-10", PREM),
    ("liam.oconnor@northwind.example", "Liam O'Connor", "", True, "2026-11-17", "", "2026-11-05", "2026-11-17", "2024-10-01", STD),
    ("meeting-room-1@northwind.example", "Meeting Room 1", "", True, "", "", "", "2026-11-20", "2023-01-20", "MICROSOFT TEAMS ROOMS BASIC"),
    ("noor.aziz@northwind.example", "Noor Aziz", "", False, "2026-11-16", "", "", "2026-11-16", "", ""),
    ("oscar.lund@northwind.example", "Oscar Lund", "2026-09-30", True, "", "", "", "", "2026-09-01", STD),
]
rows = [M365_HEADER]
for upn, name, deleted, licensed, exch, od, sp, teams, assigned, products in M365_USERS:
    is_deleted = "True" if deleted else "False"
    has_ex = licensed and products != "MICROSOFT TEAMS ROOMS BASIC"
    has_teams = licensed and "EXCHANGE ONLINE" not in products
    has_od = licensed and "BUSINESS" in products
    lic = lambda b: "True" if b else "False"
    rows.append([
        "2026-11-20", upn, name, is_deleted, deleted,
        lic(has_ex), lic(has_od), lic(has_od), "False", lic(has_od), lic(has_teams),
        exch, od, sp, "", "", teams,
        assigned if has_ex else "", assigned if has_od else "", assigned if has_od else "", "",
        assigned if has_od else "", assigned if has_teams else "",
        products,
    ])
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows(rows)
with open("m365_active_users/input.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))

# --- Adobe Admin Console users, re-saved from Excel as "Unicode Text": UTF-16LE + BOM, tabs, CRLF ---
with open("adobe_admin_users/input.csv", newline="", encoding="utf-8-sig") as f:
    adobe = list(csv.reader(f))
out = io.StringIO()
for r in adobe:
    # Excel's Unicode Text quotes a cell only when it holds a tab, a quote or a line break.
    cells = []
    for c in r:
        if any(ch in c for ch in "\t\"\n"):
            c = '"' + c.replace('"', '""') + '"'
        cells.append(c)
    out.write("\t".join(cells) + "\r\n")
with open("adobe_admin_users_unicode_text/input.txt", "wb") as f:
    f.write(b"\xff\xfe" + out.getvalue().encode("utf-16-le"))

# --- Contract register saved by European Excel: ';' separated, Windows-1252, CRLF, comma decimals ---
CONTRACTS = [
    ["Tool", "Vendor", "Seats", "Annual cost", "Currency", "Start date", "Renewal date", "Notice period (days)", "Auto-renew", "Owner", "Notes"],
    ["Slack Business+", "Slack Technologies Ltd", "85", "12.750,00", "EUR", "01/02/2026", "31/01/2027", "30", "yes", "Zoë Müller", ""],
    ["Personio", "Personio SE & Co. KG", "120", "9.360,00", "EUR", "15/03/2025", "14/03/2027", "90", "yes", "Zoë Müller", "Preis pro Mitarbeiter"],
    ["HubSpot Sales Hub Pro", "HubSpot Ireland Ltd", "12", "16.200,00", "EUR", "01/07/2026", "30/06/2027", "0", "no", "Léa Fournier", "annual, paid upfront"],
    ["Figma Organization", "Figma Inc", "18", "12.960,00", "USD", "20/09/2026", "19/09/2027", "30", "yes", "Tomás García", "billed in USD"],
    ["Miro Business", "RealtimeBoard Inc", "40", "7.200,00", "USD", "01/11/2025", "31/10/2026", "30", "no", "Tomás García", "expired – not renewed"],
    ["Lucca Timmi", "Lucca SAS", "120", "4.320,00", "EUR", "01/01/2026", "31/12/2026", "60", "yes", "Léa Fournier", "€ 3,00 / user / month"],
    ["1Password Business", "AgileBits Inc", "95", "8.094,00", "USD", "12/04/2026", "11/04/2027", "", "yes", "Ahmed Benali", "notice not in contract"],
    ["Zoom Workplace Pro", "Zoom Video Communications", "25", "3.497,50", "USD", "05/06/2026", "04/06/2027", "30", "yes", "Ahmed Benali", ""],
    ["DeepL Pro Advanced", "DeepL SE", "15", "5.130,00", "EUR", "01/03/2026", "28/02/2027", "14", "yes", "Zoë Müller", ""],
    ["Notion Plus", "Notion Labs Inc", "60", "7.200,00", "USD", "16/08/2026", "15/08/2027", "30", "yes", "Léa Fournier", ""],
    ["Datadog Pro", "Datadog Inc", "", "21.600,00", "USD", "01/10/2026", "30/09/2027", "30", "no", "Ahmed Benali", "usage-based, no seats"],
    ["Atlassian Jira Standard", "Atlassian Pty Ltd", "70", "6.552,00", "USD", "25/05/2026", "24/05/2027", "0", "yes", "Tomás García", ""],
]
buf = io.StringIO()
csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(CONTRACTS)
with open("generic_contracts_eu/input.csv", "wb") as f:
    f.write(buf.getvalue().encode("cp1252"))
