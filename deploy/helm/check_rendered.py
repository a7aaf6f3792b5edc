#!/usr/bin/env python3
"""Checks manifests rendered by `helm template` (read from the files named, or stdin).

No Kubernetes API server is available to validate against, so this checks what the chart
promises, resource by resource: every workload runs under the restricted Pod Security Standard
(non-root, read-only root file system, all capabilities dropped, no privilege escalation,
RuntimeDefault seccomp), has startup/liveness/readiness probes on /q/health/*, memory limits and
CPU/memory requests, and that Kafka SASL/TLS settings and the PostgreSQL secret are wired the way
the values say, and the day-2 settings as rendered_day2.py says. Exits 1 with one line per problem.

    helm template x deploy/helm/edgefleet | python3 deploy/helm/check_rendered.py --expect-sasl
"""
import argparse
import re
import sys

import yaml

import rendered_day2

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="*")
ap.add_argument("--expect-sasl", action="store_true", help="Kafka SASL must be configured from a secret")
ap.add_argument("--expect-client-certificate", action="store_true",
                help="Kafka mutual TLS: the client certificate and key must come from a secret")
ap.add_argument("--expect-tls", action="store_true", help="Kafka TLS must trust a mounted CA")
ap.add_argument("--expect-day2", action="store_true",
                help="cluster templates, GitOps with credentials and an image catalogue must be configured"
                     " (off otherwise, as the default values leave them)")
ap.add_argument("--expect-components", default="placement,fleet-api")
args = ap.parse_args()

text = "".join(open(f).read() for f in args.files) if args.files else sys.stdin.read()
docs = [d for d in yaml.safe_load_all(text) if d]
problems = []
K8S_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")


def need(cond, where, what):
    if not cond:
        problems.append(f"{where}: {what}")


kinds = {}
for d in docs:
    need("apiVersion" in d and "kind" in d and "metadata" in d, "document", f"not a Kubernetes object: {str(d)[:80]}")
    name = d.get("metadata", {}).get("name", "")
    need(bool(K8S_NAME.fullmatch(name)) and len(name) <= 63, f"{d.get('kind')} {name!r}", "invalid name")
    kinds.setdefault(d["kind"], []).append(d)

deployments = {d["metadata"]["name"]: d for d in kinds.get("Deployment", [])}
services = {d["metadata"]["name"]: d for d in kinds.get("Service", [])}
accounts = {d["metadata"]["name"] for d in kinds.get("ServiceAccount", [])}

for comp in [c for c in args.expect_components.split(",") if c]:
    matches = [n for n, d in deployments.items()
               if d["spec"]["selector"]["matchLabels"].get("app.kubernetes.io/name") == comp]
    need(len(matches) == 1, comp, f"expected one Deployment, found {matches}")

for name, d in deployments.items():
    where = f"Deployment {name}"
    spec = d["spec"]
    pod = spec["template"]["spec"]
    labels = spec["template"]["metadata"].get("labels", {})
    for k, v in spec["selector"]["matchLabels"].items():
        need(labels.get(k) == v, where, f"selector {k}={v} does not match the pod labels")
    need(pod.get("serviceAccountName") in accounts, where, "its ServiceAccount is not rendered")
    need(pod.get("automountServiceAccountToken") is False, where, "must not mount a service-account token")
    psc = pod.get("securityContext", {})
    need(psc.get("runAsNonRoot") is True, where, "pod securityContext.runAsNonRoot must be true")
    need(psc.get("seccompProfile", {}).get("type") in ("RuntimeDefault", "Localhost"), where, "pod seccompProfile")
    need(not pod.get("hostNetwork") and not pod.get("hostPID") and not pod.get("hostIPC"), where, "host namespaces")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for v in volumes.values():
        need("hostPath" not in v, where, f"hostPath volume {v['name']}")
    inits = pod.get("initContainers", [])
    init_mounts = {m["name"] for i in inits for m in i.get("volumeMounts", [])}
    for c in inits:
        cw = f"{where} init container {c['name']}"
        need(not any(p in c for p in ("startupProbe", "livenessProbe", "readinessProbe")), cw,
             "init containers take no probes (the API server refuses them)")
    for c in inits + pod["containers"]:
        cw = f"{where} container {c['name']}"
        sc = c.get("securityContext", {})
        need(sc.get("runAsNonRoot") is True or psc.get("runAsNonRoot") is True, cw, "runAsNonRoot")
        need(sc.get("readOnlyRootFilesystem") is True, cw, "readOnlyRootFilesystem must be true")
        need(sc.get("allowPrivilegeEscalation") is False, cw, "allowPrivilegeEscalation must be false")
        need(sc.get("privileged") in (None, False), cw, "must not be privileged")
        need("ALL" in sc.get("capabilities", {}).get("drop", []), cw, "capabilities.drop must contain ALL")
        need(not sc.get("capabilities", {}).get("add"), cw, "must not add capabilities")
        need(sc.get("runAsUser", psc.get("runAsUser", 1)) != 0, cw, "runAsUser 0")
        res = c.get("resources", {})
        need("memory" in res.get("limits", {}), cw, "memory limit")
        need({"cpu", "memory"} <= set(res.get("requests", {})), cw, "cpu and memory requests")
        if c in inits:
            continue  # what follows is about the service's own container
        ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
        for probe, path in (("startupProbe", "/q/health/started"), ("livenessProbe", "/q/health/live"),
                            ("readinessProbe", "/q/health/ready")):
            get = c.get(probe, {}).get("httpGet", {})
            need(get.get("path") == path, cw, f"{probe} must GET {path} (has {get.get('path')})")
            need(get.get("port") in ports or get.get("port") in ports.values(), cw, f"{probe} port {get.get('port')}")
        mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
        need("/tmp" in mounts and "emptyDir" in volumes.get(mounts["/tmp"]["name"], {}) if "/tmp" in mounts else False,
             cw, "needs a writable emptyDir on /tmp (read-only root file system)")
        for m in mounts.values():
            need(m["name"] in volumes, cw, f"mount of unknown volume {m['name']}")
        env = {e["name"]: e for e in c.get("env", [])}
        need("KAFKA_BOOTSTRAP_SERVERS" in env, cw, "KAFKA_BOOTSTRAP_SERVERS")
        for e in env.values():
            need(not re.search(r"PASSWORD|JAAS|KEYSTORE_KEY", e["name"]) or "valueFrom" in e, cw,
                 f"{e['name']} must come from a secret, not a literal value")
        if args.expect_sasl:
            need(env.get("KAFKA_SECURITY_PROTOCOL", {}).get("value", "").startswith("SASL_"), cw, "SASL protocol")
            need("secretKeyRef" in env.get("KAFKA_SASL_JAAS_CONFIG", {}).get("valueFrom", {}), cw,
                 "KAFKA_SASL_JAAS_CONFIG from a secret")
        else:
            need("KAFKA_SASL_JAAS_CONFIG" not in env, cw, "SASL configured although the protocol has none")
        if args.expect_client_certificate:
            need(env.get("KAFKA_SECURITY_PROTOCOL", {}).get("value") == "SSL", cw, "SSL protocol for mutual TLS")
            for var in ("KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN", "KAFKA_SSL_KEYSTORE_KEY"):
                need("secretKeyRef" in env.get(var, {}).get("valueFrom", {}), cw, f"{var} from a secret")
        else:
            need("KAFKA_SSL_KEYSTORE_KEY" not in env, cw, "a client key configured although mutual TLS is off")
        if args.expect_tls:
            loc = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION", {}).get("value", "")
            need(any(loc.startswith(p + "/") for p in mounts), cw, f"truststore {loc!r} is not on a mounted volume")
        # A key file (cluster secrets, ADR 0024) is an owner-only copy in memory, made by an init container
        # from a Secret, never the Secret's own group-readable file nor a file on the node's disk.
        for var in ("EDGEFLEET_PLACEMENT_SECRETS_KEK_FILE", "EDGEFLEET_API_SECRETS_READER_KEY_FILE"):
            path = env.get(var, {}).get("value")
            if path is None:
                continue
            mount = next((m for p, m in mounts.items() if path.startswith(p + "/")), None)
            need(mount is not None, cw, f"{var} {path!r} is not on a mounted volume")
            if mount:
                vol = volumes.get(mount["name"], {})
                need(vol.get("emptyDir", {}).get("medium") == "Memory", cw, f"{var}: volume {mount['name']} must be"
                     " an emptyDir in memory")
                need(mount["name"] in init_mounts, cw, f"{var}: no init container fills volume {mount['name']}")
                sources = [volumes[m["name"]] for i in inits for m in i.get("volumeMounts", [])
                           if "secret" in volumes.get(m["name"], {})]
                need(any(v["secret"].get("defaultMode") == 0o400 for v in sources), cw,
                     f"{var}: the init container must read the key from a Secret mounted 0400")
        if c["name"] == "placement":
            for var in ("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"):
                need("secretKeyRef" in env.get(var, {}).get("valueFrom", {}), cw, f"{var} from the PostgreSQL secret")
            need(env.get("QUARKUS_DATASOURCE_JDBC_URL", {}).get("value", "").startswith("jdbc:postgresql://"), cw,
                 "QUARKUS_DATASOURCE_JDBC_URL")
    pods = services.get(name + "-pods")
    need(pods is not None and pods["spec"].get("clusterIP") == "None", where,
         f"no headless Service {name}-pods (Prometheus finds every replica through it)")
    svc = services.get(name)
    need(svc is not None, where, "no Service of the same name")
    if svc:
        need(svc["spec"]["selector"] == spec["selector"]["matchLabels"], where, "Service selector differs")

config_maps = {d["metadata"]["name"]: d for d in kinds.get("ConfigMap", [])}
rendered_day2.check(deployments, config_maps, need, args.expect_day2)

for pdb in kinds.get("PodDisruptionBudget", []):
    need(pdb["metadata"]["name"] in deployments, f"PodDisruptionBudget {pdb['metadata']['name']}", "no Deployment")

for p in problems:
    print(f"  error: {p}")
summary = ", ".join(f"{len(v)} {k}" for k, v in sorted(kinds.items()))
print(f"  {'ok' if not problems else 'FAIL'}: {summary}")
sys.exit(1 if problems else 0)
