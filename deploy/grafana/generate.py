#!/usr/bin/env python3
"""Writes the Grafana dashboards of edgefleet (deploy/grafana/dashboards/*.json).

The dashboards are data; this file is their one source, so every panel has the same datasource
variable, units and layout rules. Edit the panel lists below, run this, commit both:

    python3 deploy/grafana/generate.py          # rewrite the JSON
    python3 deploy/grafana/generate.py --check  # exit 1 if the JSON differs from this file (deploy/check)

Every expression may use only metrics the services export (deploy/check proves it against the
local stack) and `up`. Jobs: placement, fleet-api, site-agent; agents carry a `site` label.
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "dashboards"
DS = {"type": "prometheus", "uid": "${datasource}"}
RATE = "$__rate_interval"


def panel(title, exprs, unit="short", kind="timeseries", desc="", legend=None, w=12, h=8, thresholds=None,
          minmax=None):
    """One panel; exprs is a list of (expr, legendFormat)."""
    if isinstance(exprs, str):
        exprs = [(exprs, legend or "")]
    p = {
        "type": kind,
        "title": title,
        "description": desc,
        "datasource": DS,
        "gridPos": {"w": w, "h": h},
        "targets": [{"refId": chr(ord("A") + i), "datasource": DS, "expr": e, "legendFormat": lf,
                     "range": True, "instant": kind in ("table", "bargauge")}
                    for i, (e, lf) in enumerate(exprs)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {},
    }
    if thresholds:
        p["fieldConfig"]["defaults"]["thresholds"] = {"mode": "absolute", "steps": thresholds}
    if minmax:
        p["fieldConfig"]["defaults"]["min"], p["fieldConfig"]["defaults"]["max"] = minmax
    if kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area", "textMode": "auto"}
    if kind == "bargauge":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "orientation": "horizontal", "displayMode": "gradient"}
    if kind == "timeseries":
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}
    return p


def row(title):
    return {"type": "row", "title": title, "collapsed": False, "gridPos": {"w": 24, "h": 1}, "panels": []}


UTIL_STEPS = [{"color": "green", "value": None}, {"color": "orange", "value": 0.75}, {"color": "red", "value": 0.9}]
DOWN_STEPS = [{"color": "green", "value": None}, {"color": "red", "value": 1}]
UP_STEPS = [{"color": "red", "value": None}, {"color": "green", "value": 1}]


def dashboard(uid, title, desc, panels, variables=(), tags=("edgefleet",)):
    x = y = 0
    row_h = 0
    for i, p in enumerate(panels, start=1):
        p["id"] = i
        w, h = p["gridPos"]["w"], p["gridPos"]["h"]
        if p["type"] == "row" or x + w > 24:
            x, y = 0, y + row_h
            row_h = 0
        p["gridPos"].update({"x": x, "y": y})
        x += w
        row_h = max(row_h, h)
        if p["type"] == "row":
            x, y, row_h = 0, y + h, 0
    templating = [{
        "name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus",
        "current": {}, "hide": 0, "refresh": 1, "options": [], "regex": "",
    }]
    for name, label, query in variables:
        templating.append({
            "name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": query, "refId": "var-" + name}, "definition": query,
            "refresh": 2, "sort": 1, "includeAll": False, "multi": False, "current": {}, "options": [],
            "hide": 0, "regex": "",
        })
    return {
        "uid": uid, "title": title, "description": desc, "tags": list(tags),
        "editable": True, "graphTooltip": 1, "schemaVersion": 39, "version": 1,
        "time": {"from": "now-6h", "to": "now"}, "refresh": "30s", "timezone": "utc",
        "templating": {"list": templating},
        "annotations": {"list": []},
        "links": [{"title": "edgefleet", "type": "dashboards", "tags": ["edgefleet"], "asDropdown": True}],
        "panels": panels,
    }


def fleet_overview():
    return dashboard("edgefleet-fleet", "edgefleet / Fleet overview",
                     "The whole fleet: hosts, sites' allocation, agents, the request pipeline.", [
        row("Fleet"),
        panel("Hosts ready", 'max(fleet_hosts{state="READY"})', kind="stat", w=4, h=5,
              desc="Hosts the placement service may place on (state READY), fleet-wide."),
        panel("Hosts cordoned or down", 'sum(max by (state) (fleet_hosts{state=~"CORDONED|DOWN"}))', kind="stat",
              w=4, h=5, thresholds=DOWN_STEPS, desc="Hosts in state CORDONED or DOWN."),
        panel("Agents answering", 'sum(up{job="site-agent"})', kind="stat", w=4, h=5,
              desc="Site agents Prometheus scraped successfully (one per site)."),
        panel("Agents not answering", 'count(up{job="site-agent"} == 0) or vector(0)', kind="stat", w=4, h=5,
              thresholds=DOWN_STEPS, desc="Site agents whose /q/metrics did not answer at the last scrape."),
        panel("Bare-metal hosts saved", 'max(fleet_baremetal_hosts_saved)', kind="stat", w=4, h=5,
              desc="Hosts that dedicated control-plane servers would take, minus what the microVMs share."),
        panel("Outbox backlog", 'max(fleet_outbox_backlog)', kind="stat", w=4, h=5,
              thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 100},
                          {"color": "red", "value": 1000}],
              desc="Plans and outcomes decided but not yet acknowledged by Kafka."),
        row("Requests"),
        panel("Requests per second by outcome",
              f'sum by (outcome) (rate(fleet_placement_requests_total[{RATE}]))', unit="reqps", legend="{{outcome}}",
              w=8, desc="Requests answered by placement (all replicas): accepted, rejected, duplicate."),
        panel("Rejections per second by reason",
              f'sum by (reason) (rate(fleet_placement_requests_total{{outcome="rejected"}}[{RATE}]))', unit="reqps",
              legend="{{reason}}", w=8, desc="Why requests were refused (INSUFFICIENT_CAPACITY, INVALID_REQUEST, ...)."),
        panel("Request to plan, p99",
              f'histogram_quantile(0.99, sum by (le) (rate(fleet_placement_request_to_plan_seconds_bucket[{RATE}])))',
              unit="s", legend="p99", w=8,
              desc="From a request's Kafka timestamp to its site's plan committed. Alert above 250 ms."),
        row("Sites"),
        panel("Most allocated resource per site", 'max by (site) (fleet_site_utilisation_ratio)',
              unit="percentunit", legend="{{site}}", minmax=(0, 1), thresholds=UTIL_STEPS,
              desc="For each site, the allocated share of its scarcest resource. Alert at 90 %."),
        panel("Allocation by site and resource", 'max by (site, resource) (fleet_site_utilisation_ratio)',
              unit="percentunit", kind="bargauge", legend="{{site}} {{resource}}", minmax=(0, 1),
              thresholds=UTIL_STEPS, desc="Allocated share of each site's allocatable capacity, per resource."),
        panel("Hosts by state", 'max by (state) (fleet_hosts)', legend="{{state}}", w=12,
              desc="Hosts of the fleet by state."),
        panel("Kafka consumer lag (records)",
              'max by (job, client_id) (kafka_consumer_fetch_manager_records_lag_max)',
              legend="{{job}} {{client_id}}", w=12,
              desc="Largest partition lag each consumer sees. Alert above 1000 for 10 minutes."),
    ])


def site():
    s = 'site="$site"'
    return dashboard("edgefleet-site", "edgefleet / Site", "One site: its allocation and its agent.", [
        row("Allocation"),
        panel("Allocation by resource", f'max by (resource) (fleet_site_utilisation_ratio{{{s}}})',
              unit="percentunit", kind="bargauge", legend="{{resource}}", minmax=(0, 1), thresholds=UTIL_STEPS,
              desc="Allocated share of the site's allocatable capacity. Alert at 90 %."),
        panel("Allocation over time", f'max by (resource) (fleet_site_utilisation_ratio{{{s}}})',
              unit="percentunit", legend="{{resource}}", minmax=(0, 1), thresholds=UTIL_STEPS),
        row("Agent"),
        panel("Agent answering", f'up{{job="site-agent", {s}}}', kind="stat", w=6, h=5, thresholds=UP_STEPS,
              desc="1 when Prometheus scraped the site's agent at the last attempt."),
        panel("Agent uptime", f'time() - process_start_time_seconds{{job="site-agent", {s}}}', unit="s",
              kind="stat", w=6, h=5, desc="Time since the agent process started."),
        panel("Agent restarts (24 h)", f'changes(process_start_time_seconds{{job="site-agent", {s}}}[24h])',
              kind="stat", w=6, h=5, desc="Agent restarts; running microVMs survive them."),
        panel("Agent open files", f'process_files_open_files{{job="site-agent", {s}}}', kind="stat", w=6, h=5),
        panel("Plan version read and converged", [
            (f'fleet_agent_plan_version{{job="site-agent", {s}}}', "read"),
            (f'fleet_agent_converged_plan_version{{job="site-agent", {s}}}', "converged")], w=24, h=6,
              desc="The site's latest plan, and the version its agent has converged to."),
        panel("Agent heap used", f'sum(jvm_memory_used_bytes{{job="site-agent", {s}, area="heap"}})',
              unit="bytes", legend="heap", desc="The agent is small: it runs with a 64 MiB heap locally."),
        panel("Agent CPU", f'process_cpu_usage{{job="site-agent", {s}}}', unit="percentunit", legend="cpu",
              desc="Share of the host's CPUs the agent process uses."),
    ], variables=[("site", "Site", "label_values(fleet_site_utilisation_ratio, site)")])


def placement():
    j = 'job="placement"'
    return dashboard("edgefleet-placement", "edgefleet / Placement service",
                     "The placement service: intake, outbox, Kafka consumers, HTTP, JVM.", [
        row("Service"),
        panel("Replicas answering", f'sum(up{{{j}}})', kind="stat", w=6, h=5, thresholds=UP_STEPS),
        panel("Outbox oldest unsent", f'max(fleet_outbox_oldest_unsent_seconds{{{j}}})', unit="s", kind="stat",
              w=6, h=5, thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 120}],
              desc="Age of the oldest outbox row the broker has not acknowledged. Alert above 2 minutes."),
        panel("Outbox backlog", f'max(fleet_outbox_backlog{{{j}}})', kind="stat", w=6, h=5),
        panel("Kafka partitions assigned",
              f'sum by (client_id) (kafka_consumer_coordinator_assigned_partitions{{{j}}})', kind="stat", w=6, h=5,
              legend="{{client_id}}", desc="Partitions of each consumer group assigned to the replicas."),
        row("Decisions"),
        panel("Requests per second by kind and outcome",
              f'sum by (kind, outcome) (rate(fleet_placement_requests_total{{{j}}}[{RATE}]))', unit="reqps",
              legend="{{kind}} {{outcome}}"),
        panel("Request to plan latency", [
            (f'histogram_quantile(0.5, sum by (le) (rate(fleet_placement_request_to_plan_seconds_bucket{{{j}}}[{RATE}])))', "p50"),
            (f'histogram_quantile(0.99, sum by (le) (rate(fleet_placement_request_to_plan_seconds_bucket{{{j}}}[{RATE}])))', "p99")],
              unit="s", desc="Kafka timestamp of a request to the commit of its site's plan. Alert: p99 above 250 ms."),
        panel("Engine decision p99 by kind",
              f'histogram_quantile(0.99, sum by (le, kind) (rate(fleet_placement_decision_seconds_bucket{{{j}}}[{RATE}])))',
              unit="s", legend="{{kind}}", desc="Pure engine time for one request (no I/O)."),
        panel("Batch p99 by consumer",
              f'histogram_quantile(0.99, sum by (le, consumer) (rate(fleet_placement_batch_seconds_bucket{{{j}}}[{RATE}])))',
              unit="s", legend="{{consumer}}", desc="One polled batch, from start to its PostgreSQL commit."),
        panel("Dead letters (1 h) by topic and code",
              f'sum by (topic, code) (increase(fleet_placement_dead_letters_total{{{j}}}[1h]))', legend="{{topic}} {{code}}",
              desc="Records that could not be read as events, sent to fleet.dead-letters.v1."),
        panel("Outbox rows published per second by topic",
              f'sum by (topic) (rate(fleet_outbox_published_total{{{j}}}[{RATE}]))', unit="reqps", legend="{{topic}}"),
        row("Pipeline"),
        panel("Outbox publish lag p99",
              f'histogram_quantile(0.99, sum by (le) (rate(fleet_outbox_publish_lag_seconds_bucket{{{j}}}[{RATE}])))',
              unit="s", legend="p99", w=24, h=6, desc="From an outbox row's transaction to the broker's acknowledgement."),
        panel("Outbox backlog and age", [(f'max(fleet_outbox_backlog{{{j}}})', "rows unsent"),
                                         (f'max(fleet_outbox_oldest_unsent_seconds{{{j}}})', "oldest (s)")],
              desc="Rows written with the state, waiting for Kafka's acknowledgement."),
        panel("Kafka consumer lag (records)", f'max by (client_id) (kafka_consumer_fetch_manager_records_lag_max{{{j}}})',
              legend="{{client_id}}", desc="Alert above 1000 records for 10 minutes."),
        panel("Records consumed per second",
              f'sum by (client_id) (rate(kafka_consumer_fetch_manager_records_consumed_total{{{j}}}[{RATE}]))',
              unit="reqps", legend="{{client_id}}", desc="Requests and site reports read from Kafka."),
        panel("Time between polls (max)", f'max by (client_id) (kafka_consumer_time_between_poll_max{{{j}}})',
              unit="ms", legend="{{client_id}}",
              desc="A batch that takes longer than max.poll.interval.ms makes the group rebalance."),
        row("HTTP and JVM"),
        panel("HTTP requests per second",
              f'sum by (uri, status) (rate(http_server_requests_seconds_count{{{j}}}[{RATE}]))', unit="reqps",
              legend="{{uri}} {{status}}"),
        panel("HTTP mean latency",
              f'sum by (uri) (rate(http_server_requests_seconds_sum{{{j}}}[{RATE}])) / '
              f'sum by (uri) (rate(http_server_requests_seconds_count{{{j}}}[{RATE}]))', unit="s", legend="{{uri}}"),
        panel("Heap used", f'sum by (instance) (jvm_memory_used_bytes{{{j}, area="heap"}})', unit="bytes",
              legend="{{instance}}"),
        panel("CPU", f'process_cpu_usage{{{j}}}', unit="percentunit", legend="{{instance}}"),
    ])


def agents():
    j = 'job="site-agent"'
    return dashboard("edgefleet-agents", "edgefleet / Site agents", "Every site agent at once.", [
        row("Agents"),
        panel("Agents answering", f'sum(up{{{j}}})', kind="stat", w=6, h=5),
        panel("Agents not answering", f'count(up{{{j}}} == 0) or vector(0)', kind="stat", w=6, h=5,
              thresholds=DOWN_STEPS),
        panel("Agent restarts (24 h)", f'sum(changes(process_start_time_seconds{{{j}}}[24h]))', kind="stat", w=6, h=5),
        panel("Largest agent heap", f'max(jvm_memory_used_bytes{{{j}, area="heap"}})', unit="bytes", kind="stat",
              w=6, h=5),
        panel("Plan version per site", f'max by (site) (fleet_agent_plan_version{{{j}}})', legend="{{site}}", w=12,
              desc="The latest plan version each agent has read from fleet.site-plans.v1."),
        panel("Plan versions not yet converged",
              f'max by (site) (fleet_agent_plan_version{{{j}}} - fleet_agent_converged_plan_version{{{j}}})',
              legend="{{site}}", w=12, desc="0 when the site runs its latest plan; above 0 while it converges."),
        panel("Answering, per site", f'up{{{j}}}', kind="table", legend="{{site}}", w=24, h=8,
              desc="1: scraped at the last attempt; 0: the agent or the path to its site is down."),
        panel("Heap used per site", f'sum by (site) (jvm_memory_used_bytes{{{j}, area="heap"}})', unit="bytes",
              legend="{{site}}"),
        panel("CPU per site", f'max by (site) (process_cpu_usage{{{j}}})', unit="percentunit", legend="{{site}}"),
        panel("GC time per second", f'sum by (site) (rate(jvm_gc_pause_seconds_sum{{{j}}}[{RATE}]))',
              unit="percentunit", legend="{{site}}"),
        panel("Live threads per site", f'max by (site) (jvm_threads_live_threads{{{j}}})', legend="{{site}}"),
    ])


DASHBOARDS = {"fleet-overview.json": fleet_overview, "site.json": site, "placement.json": placement,
              "agents.json": agents}


def render(fn):
    return json.dumps(fn(), indent=2, sort_keys=False) + "\n"


def main():
    check = "--check" in sys.argv
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, fn in DASHBOARDS.items():
        text = render(fn)
        path = OUT / name
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print("  dashboards differ from deploy/grafana/generate.py: " + ", ".join(stale)
              + " (run python3 deploy/grafana/generate.py and commit)")
        sys.exit(1)
    print(f"  ok: {len(DASHBOARDS)} dashboards {'match generate.py' if check else 'written'}")


if __name__ == "__main__":
    main()
