#!/usr/bin/env python3
"""Checks the PromQL of edgefleet's alert rules and Grafana dashboards against real services.

    promql_check.py names   --exported JOB=FILE ... [--rules F ...] [--dashboards F ...]
        Every metric name used in an alert or a panel (or a dashboard variable) must appear in the
        exposition of at least one service (FILE: a saved /q/metrics answer), or be one Prometheus
        makes itself (`up`, `scrape_*`). Prints each name with the jobs that export it.

    promql_check.py queries --prometheus URL [--rules F ...] [--dashboards F ...] [--var NAME=VALUE ...]
        Runs every panel query and variable query of every dashboard against a real Prometheus and
        requires data (at least one series with a number, not NaN). For every alert, runs the
        alert's expression (it must be valid; it may be empty: nothing is wrong) and each metric
        selector in it, which must return data (or, for a selector on label values a healthy fleet
        never shows, such as reason="PROCESSING_FAILED", its metric must).

Exit 1 on any failure. Only the standard library and PyYAML.
"""
import argparse
import json
import math
import re
import sys
import urllib.parse
import urllib.request

import yaml

SYNTHETIC = {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
             "scrape_series_added"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "offset", "inf", "nan", "atan2", "start", "end"}
GRAFANA_VARS = {"$__rate_interval": "2m", "${__rate_interval}": "2m", "$__interval": "30s",
                "${__interval}": "30s", "$__range": "1h", "${__range}": "1h"}


def substitute(expr, variables):
    for k, v in GRAFANA_VARS.items():
        expr = expr.replace(k, v)
    for k, v in variables.items():
        expr = expr.replace("${" + k + "}", v).replace("$" + k, v)
    return expr


def strip(expr):
    """The expression without strings, label matchers, ranges and label lists."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    prev = None
    while prev != expr:
        prev = expr
        expr = re.sub(r"\{[^{}]*\}", " ", expr)
        expr = re.sub(r"\[[^\[\]]*\]", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", expr)
    return expr


def metric_names(expr):
    s = strip(expr)
    names = set()
    for m in re.finditer(r"(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)", s):
        name = m.group(1)
        after = s[m.end():].lstrip()
        if after.startswith("(") or name.lower() in KEYWORDS:
            continue
        if re.fullmatch(r"\d.*", name):
            continue
        names.add(name)
    return names


def selectors(expr):
    """Each plain metric selector with its label matchers, e.g. up{job="site-agent"}."""
    clean = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: m.group(0).replace("{", "\x01").replace("}", "\x02"), expr)
    out = []
    for name in sorted(metric_names(expr)):
        for m in re.finditer(r"(?<![\w:])" + re.escape(name) + r"(?![\w:])\s*(\{[^{}]*\})?", clean):
            sel = (name + (m.group(1) or "")).replace("\x01", "{").replace("\x02", "}")
            if sel not in out:
                out.append(sel)
    return out


def load_rules(files):
    """(alert name, expr) of every alerting and recording rule."""
    out = []
    for f in files:
        for group in yaml.safe_load(open(f))["groups"]:
            for rule in group["rules"]:
                out.append((rule.get("alert") or rule.get("record"), rule["expr"]))
    return out


def load_dashboards(files):
    """(dashboard, panel title, expr) for every target and every query variable."""
    out = []
    for f in files:
        d = json.load(open(f))
        for v in d.get("templating", {}).get("list", []):
            if v.get("type") == "query":
                q = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
                m = re.fullmatch(r"\s*label_values\((.*),\s*([a-zA-Z_]\w*)\s*\)\s*", q)
                out.append((d["title"], "variable $" + v["name"], m.group(1) if m else q))
        for p in d.get("panels", []):
            for t in p.get("targets", []):
                out.append((d["title"], p["title"], t["expr"]))
    return out


def exported_names(path):
    """Sample names in a Prometheus text or OpenMetrics exposition."""
    names = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        names.add(re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0))
    return names


def cmd_names(args):
    exported = {}
    for spec in args.exported:
        job, path = spec.split("=", 1)
        for n in exported_names(path):
            exported.setdefault(n, set()).add(job)
    used = {}
    for alert, expr in load_rules(args.rules):
        for n in metric_names(expr):
            used.setdefault(n, []).append("alert " + alert)
    for dash, title, expr in load_dashboards(args.dashboards):
        for n in metric_names(substitute(expr, {})):
            used.setdefault(n, []).append(f"{dash} / {title}")
    missing = 0
    for n in sorted(used):
        if n in SYNTHETIC:
            print(f"  ok   {n:58s} made by Prometheus at every scrape")
        elif n in exported:
            print(f"  ok   {n:58s} exported by {', '.join(sorted(exported[n]))}")
        else:
            missing += 1
            print(f"  FAIL {n:58s} exported by no service; used by: {'; '.join(sorted(set(used[n])))}")
    print(f"  {len(used)} metric names used by {len(args.rules)} rule files and {len(args.dashboards)} dashboards;"
          f" {missing} not exported")
    return 1 if missing else 0


def query(base, expr):
    url = base.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=15) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        body = json.load(e)
    if body.get("status") != "success":
        return None, body.get("error", "unknown error")
    data = body["data"]
    if data["resultType"] in ("scalar", "string"):
        return [data["result"]], None
    return data["result"], None


def has_number(result):
    for r in result:
        value = r["value"][1] if isinstance(r, dict) else r[1]
        try:
            if not math.isnan(float(value)):
                return True
        except (TypeError, ValueError):
            pass
    return False


def cmd_queries(args):
    variables = dict(v.split("=", 1) for v in args.var)
    failures = 0
    total = 0
    for dash, title, expr in load_dashboards(args.dashboards):
        total += 1
        q = substitute(expr, variables)
        result, error = query(args.prometheus, q)
        if error:
            failures += 1
            print(f"  FAIL {dash} / {title}: {error}\n       {q}")
        elif not has_number(result):
            failures += 1
            print(f"  FAIL {dash} / {title}: no data ({len(result)} series, none with a number)\n       {q}")
        else:
            print(f"  ok   {dash} / {title}: {len(result)} series")
    for alert, expr in load_rules(args.rules):
        total += 1
        result, error = query(args.prometheus, expr)
        if error:
            failures += 1
            print(f"  FAIL alert {alert}: {error}")
            continue
        # A selector may name a label value a healthy fleet never has (reason="PROCESSING_FAILED"):
        # then its metric must still have data, which proves the name and the job are right.
        empty, quiet = [], []
        for sel in selectors(expr):
            if has_number(query(args.prometheus, sel)[0] or []):
                continue
            bare = re.sub(r"\{.*", "", sel)
            (quiet if has_number(query(args.prometheus, bare)[0] or []) else empty).append(sel)
        if empty:
            failures += 1
            print(f"  FAIL alert {alert}: no data for {', '.join(empty)}")
        else:
            state = f"would fire for {len(result)} series" if result else "quiet"
            note = f"; no series with the labels of {', '.join(quiet)} now (healthy), the metric has data" if quiet else ""
            print(f"  ok   alert {alert}: data for {', '.join(selectors(expr))}{note}; {state}")
    print(f"  {total - failures} of {total} queries returned data")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    n = sub.add_parser("names")
    n.add_argument("--exported", nargs="+", required=True, metavar="JOB=FILE")
    q = sub.add_parser("queries")
    q.add_argument("--prometheus", required=True)
    q.add_argument("--var", nargs="*", default=[], metavar="NAME=VALUE")
    for p in (n, q):
        p.add_argument("--rules", nargs="*", default=[])
        p.add_argument("--dashboards", nargs="*", default=[])
    args = ap.parse_args()
    sys.exit(cmd_names(args) if args.cmd == "names" else cmd_queries(args))


if __name__ == "__main__":
    main()
