"""Checks a selfcheck FHIR export with an independent validator.

Every resource is parsed by the FHIR R4 models of the `fhir.resources` package (structure
and types), then the code values those models do not check are checked here: statuses,
item types, that every answer's linkId exists in its Questionnaire with a matching value
type, and that the PHQ and GAD items (and the PHQ-9 and GAD-7 totals) carry their LOINC codes.

Usage: python fhir_validate.py BUNDLE.json   (exit 0 and "ok ..." when valid)
"""
import json
import sys

from fhir.resources.bundle import Bundle
from fhir.resources.questionnaire import Questionnaire
from fhir.resources.questionnaireresponse import QuestionnaireResponse
from fhir.resources.medicationstatement import MedicationStatement

LOINC = {
    "phq_interest": "44250-9",
    "phq_mood": "44255-8",
    "phq_selfharm": "44260-8",
    "gad_nervous": "69725-0",
    "gad_worry": "68509-9",
    "phq_sleep": "44259-0",
    "phq_energy": "44254-1",
    "phq_appetite": "44251-7",
    "phq_failure": "44258-2",
    "phq_concentration": "44252-5",
    "phq_psychomotor": "44253-3",
    "phq_difficulty": "69722-7",
    "gad_too_much": "69733-4",
    "gad_relaxing": "69734-2",
    "gad_restless": "69735-9",
    "gad_irritable": "69689-8",
    "gad_afraid": "69736-7",
    "phq9": "44261-6",
    "gad7": "70274-6",
}
VALUE_FOR_TYPE = {
    "integer": "valueInteger",
    "boolean": "valueBoolean",
    "choice": "valueCoding",
    "text": "valueString",
    "string": "valueString",
}


def fail(message):
    print("invalid: " + message)
    sys.exit(1)


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    Bundle.parse_obj(data)
    if data.get("type") not in {"collection", "document", "transaction", "batch", "searchset", "history", "message", "transaction-response", "batch-response"}:
        fail("Bundle.type " + repr(data.get("type")))
    questionnaires = {}
    responses = []
    statements = 0
    for entry in data["entry"]:
        resource = entry["resource"]
        if not entry["fullUrl"].startswith("urn:uuid:"):
            fail("fullUrl " + entry["fullUrl"])
        kind = resource["resourceType"]
        if kind == "Questionnaire":
            Questionnaire.parse_obj(resource)
            if resource["status"] not in {"draft", "active", "retired", "unknown"}:
                fail("Questionnaire.status " + resource["status"])
            items = {}
            for item in resource["item"]:
                if item["type"] not in VALUE_FOR_TYPE:
                    fail("item type " + item["type"])
                for when in item.get("enableWhen", []):
                    if when["operator"] not in {"exists", "=", "!=", ">", "<", ">=", "<="}:
                        fail("enableWhen operator " + when["operator"])
                items[item["linkId"]] = item
            for link, code in LOINC.items():
                if link in items:
                    codes = [(c["system"], c["code"]) for c in items[link].get("code", [])]
                    if ("http://loinc.org", code) not in codes:
                        fail(link + " lacks LOINC " + code)
            questionnaires[resource["url"] + "|" + resource["version"]] = items
        elif kind == "QuestionnaireResponse":
            QuestionnaireResponse.parse_obj(resource)
            if resource["status"] not in {"in-progress", "completed", "amended", "entered-in-error", "stopped"}:
                fail("QuestionnaireResponse.status " + resource["status"])
            responses.append(resource)
        elif kind == "MedicationStatement":
            MedicationStatement.parse_obj(resource)
            if resource["status"] not in {"active", "completed", "entered-in-error", "intended", "stopped", "on-hold", "unknown", "not-taken"}:
                fail("MedicationStatement.status " + resource["status"])
            for dosage in resource.get("dosage", []):
                for rate in dosage.get("doseAndRate", []):
                    q = rate.get("doseQuantity", {})
                    if "system" in q and (q["system"] != "http://unitsofmeasure.org" or "code" not in q):
                        fail("dose quantity without a UCUM code: " + json.dumps(q))
            statements = statements + 1
        else:
            fail("unexpected resource " + kind)
    if not questionnaires:
        fail("no Questionnaire")
    for r in responses:
        items = questionnaires.get(r["questionnaire"])
        if items is None:
            fail(r["id"] + " refers to a Questionnaire not in the bundle: " + r["questionnaire"])
        for answered in r.get("item", []):
            item = items.get(answered["linkId"])
            if item is None:
                fail(r["id"] + ": unknown linkId " + answered["linkId"])
            for answer in answered["answer"]:
                expected = VALUE_FOR_TYPE[item["type"]]
                if expected not in answer:
                    fail(r["id"] + ": " + answered["linkId"] + " answered without " + expected)
    print("ok %d questionnaire(s), %d response(s), %d medication statement(s)" % (len(questionnaires), len(responses), statements))


if __name__ == "__main__":
    main(sys.argv[1])
