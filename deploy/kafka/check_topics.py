#!/usr/bin/env python3
"""Checks deploy/kafka/topics.yaml against the contract.

Every topic named in events/Topics.java and in the topic table of events/README.md must have
exactly one KafkaTopic, with the partitions (a number or a range such as 12-48) and the cleanup
(compact, or delete with N days of retention) that the table states. Prints one line per topic;
exits 1 on any mismatch.

    python3 deploy/kafka/check_topics.py [REPO]
"""
import re
import sys
from pathlib import Path

import yaml

repo = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
errors = []


def readme_table():
    """Rows of the '## Topics' table: name -> (cleanup cell, partitions cell)."""
    text = (repo / "events/README.md").read_text()
    section = text.split("## Topics", 1)[1].split("\n## ", 1)[0]
    rows = {}
    header = None
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set(cells[0]) <= set("- "):
            continue
        row = dict(zip(header, cells))
        name = row["topic"].strip("`")
        rows[name] = (row["cleanup"], row["partitions"])
    return rows


def java_topics():
    src = (repo / "events/src/main/java/io/edgefleet/events/Topics.java").read_text()
    return set(re.findall(r'"(fleet\.[a-z0-9.-]+)"', src))


def partitions_allowed(cell):
    """'12; keyed by ...' -> (12, 12); '12–48; ...' -> (12, 48)."""
    m = re.match(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?", cell)
    if not m:
        raise ValueError(f"cannot read partitions from {cell!r}")
    low = int(m.group(1))
    return low, int(m.group(2) or low)


def cleanup_expected(cell):
    """'delete, 7 days' -> ('delete', 7 days in ms); '**compact**: ...' -> ('compact', None)."""
    plain = cell.replace("*", "").lower()
    if plain.startswith("compact"):
        return "compact", None
    m = re.match(r"delete,\s*(\d+)\s*days?", plain)
    if not m:
        raise ValueError(f"cannot read cleanup from {cell!r}")
    return "delete", int(m.group(1)) * 86_400_000


table = readme_table()
docs = list(yaml.safe_load_all((repo / "deploy/kafka/topics.yaml").read_text()))
resources = {}
for d in docs:
    if not d:
        continue
    if d.get("kind") != "KafkaTopic" or not str(d.get("apiVersion", "")).startswith("kafka.strimzi.io/"):
        errors.append(f"unexpected resource {d.get('apiVersion')}/{d.get('kind')}")
        continue
    meta, spec = d["metadata"], d["spec"]
    name = spec.get("topicName", meta["name"])
    if name in resources:
        errors.append(f"{name}: declared twice")
    if not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", meta["name"]):
        errors.append(f"{name}: metadata.name {meta['name']!r} is not a valid Kubernetes name")
    if "strimzi.io/cluster" not in meta.get("labels", {}):
        errors.append(f"{name}: label strimzi.io/cluster is missing (the Topic Operator ignores it)")
    resources[name] = spec

for name in sorted(java_topics() | set(table)):
    if name not in table:
        errors.append(f"{name}: in Topics.java but not in the events/README.md topic table")
        continue
    if name not in java_topics():
        errors.append(f"{name}: in events/README.md but not in Topics.java")
    spec = resources.get(name)
    if spec is None:
        errors.append(f"{name}: no KafkaTopic in deploy/kafka/topics.yaml")
        continue
    cleanup_cell, partitions_cell = table[name]
    low, high = partitions_allowed(partitions_cell)
    policy, retention = cleanup_expected(cleanup_cell)
    config = spec.get("config", {})
    ok = True
    if not low <= int(spec["partitions"]) <= high:
        errors.append(f"{name}: partitions {spec['partitions']}, README says {low}..{high}")
        ok = False
    if config.get("cleanup.policy") != policy:
        errors.append(f"{name}: cleanup.policy {config.get('cleanup.policy')}, README says {policy}")
        ok = False
    if retention is not None and int(config.get("retention.ms", -1)) != retention:
        errors.append(f"{name}: retention.ms {config.get('retention.ms')}, README says {retention}")
        ok = False
    if int(spec.get("replicas", 1)) < 3 or int(config.get("min.insync.replicas", 1)) < 2:
        errors.append(f"{name}: needs replicas >= 3 and min.insync.replicas >= 2 to survive a broker loss")
        ok = False
    detail = "compact" if policy == "compact" else f"delete {config.get('retention.ms')} ms"
    print(f"  {'ok  ' if ok else 'FAIL'} {name}: {spec['partitions']} partitions, {detail}")

# A cluster's secrets are written into its site's plan partition (docs/adr/0024): the counts must match.
plans, secrets = resources.get("fleet.site-plans.v1"), resources.get("fleet.cluster-secrets.v1")
if plans and secrets and int(plans["partitions"]) != int(secrets["partitions"]):
    errors.append(f"fleet.cluster-secrets.v1: {secrets['partitions']} partitions, fleet.site-plans.v1 has "
                  f"{plans['partitions']}; they must be equal")

for name in sorted(set(resources) - set(table)):
    errors.append(f"{name}: KafkaTopic for a topic the contract does not name")

for e in errors:
    print(f"  error: {e}")
sys.exit(1 if errors else 0)
