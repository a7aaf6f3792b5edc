"""Checks of the day-2 settings in manifests rendered by `helm template`, for check_rendered.py.

The chart turns values into files the services read (cluster templates for fleet-api, ADR 0033; the node
image catalogue for placement, ADR 0034) and into the GitOps intake's environment. A file named by an
environment variable must be on a read-only mount of a rendered ConfigMap that holds it, in the format its
reader accepts; every ConfigMap must be mounted (one that is not configures nothing); the GitOps copy of
the repository must be on a writable emptyDir (the root file system is read-only); and Git credentials
must reach the pod only through secretKeyRef, never in a URL, a literal value or a ConfigMap.
"""
import hashlib
import re

import yaml

TEMPLATE_NAME = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
TEMPLATE_FIELDS = {"kubernetesVersion", "controlPlane", "workers", "ttlSeconds", "labels"}
CATALOGUE_LINE = re.compile(r"kubernetes\.[0-9]{1,3}\.[0-9]{1,3}(\.[0-9]{1,3})?=sha256:[0-9a-f]{64}")
USERINFO = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*@")
CREDENTIAL_TEXT = re.compile(r"(password|passwd|token|secret)\s*[:=]", re.IGNORECASE)

# Environment variable -> (container, what the file must be): the files the services read from a ConfigMap.
CONFIG_FILES = {
    "FLEET_TEMPLATES_FILE": ("fleet-api", "templates"),
    "EDGEFLEET_PLACEMENT_IMAGES_CATALOGUE": ("placement", "catalogue"),
}


def templates_problem(text):
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict) or not isinstance(doc.get("templates"), dict) or not doc["templates"]:
        return "not a templates document (templates: {NAME: {spec: ...}})"
    for name, body in doc["templates"].items():
        if not TEMPLATE_NAME.fullmatch(str(name)):
            return f"template name {name!r} is not a DNS label"
        spec = body.get("spec") if isinstance(body, dict) else None
        if not isinstance(spec, dict):
            return f"template {name}: spec must be a map"
        if set(spec) - TEMPLATE_FIELDS:
            return f"template {name}: fields a template cannot set: {sorted(set(spec) - TEMPLATE_FIELDS)}"
        if "kubernetesVersion" in spec and not isinstance(spec["kubernetesVersion"], str):
            return f"template {name}: kubernetesVersion {spec['kubernetesVersion']!r} is not a string"
    return None


def catalogue_problem(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return "no kubernetes.<version>=sha256:<hex> line"
    wrong = [ln for ln in lines if not CATALOGUE_LINE.fullmatch(ln)]
    return f"lines the catalogue refuses: {wrong}" if wrong else None


def mounted_file(path, mounts, volumes, config_maps):
    """(mount, ConfigMap, key) holding the file at path, or a reason why there is none."""
    mount = next((m for p, m in mounts.items() if path.startswith(p + "/")), None)
    if mount is None:
        return f"{path!r} is not on a mounted volume"
    source = volumes.get(mount["name"], {}).get("configMap")
    if source is None:
        return f"{path!r}: volume {mount['name']} is not a ConfigMap"
    if mount.get("subPath"):
        return f"{path!r}: mounted with subPath (the kubelet never updates it)"
    if mount.get("readOnly") is not True:
        return f"{path!r}: mount {mount['mountPath']} must be readOnly"
    cm = config_maps.get(source.get("name"))
    if cm is None:
        return f"{path!r}: ConfigMap {source.get('name')} is not rendered"
    relative = path[len(mount["mountPath"]) + 1:]
    items = {i["path"]: i["key"] for i in source.get("items", [])}
    key = items.get(relative, relative if not items else None)
    if key not in cm.get("data", {}):
        return f"{path!r}: ConfigMap {cm['metadata']['name']} holds no key for it"
    return mount, cm, key


def check(deployments, config_maps, need, expect_day2):
    """Adds a problem through need(cond, where, what) for every broken promise."""
    mounted_config_maps = set()
    found = set()
    for name, d in deployments.items():
        pod = d["spec"]["template"]["spec"]
        annotations = d["spec"]["template"]["metadata"].get("annotations", {})
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for c in pod.get("initContainers", []) + pod["containers"]:
            cw = f"Deployment {name} container {c['name']}"
            mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
            env = {e["name"]: e for e in c.get("env", [])}
            need(not any("configMapRef" in s for s in c.get("envFrom", [])), cw, "env from a ConfigMap")
            for m in mounts.values():
                cm_name = volumes.get(m["name"], {}).get("configMap", {}).get("name")
                if cm_name:
                    mounted_config_maps.add(cm_name)
                    need(m.get("readOnly") is True, cw, f"ConfigMap {cm_name} must be mounted readOnly")
            for var, (container, kind) in CONFIG_FILES.items():
                if var not in env:
                    continue
                found.add(var)
                need(c["name"] == container, cw, f"{var} belongs to {container}")
                path = env[var].get("value", "")
                held = mounted_file(path, mounts, volumes, config_maps)
                need(not isinstance(held, str), cw, f"{var}: {held}")
                if isinstance(held, str):
                    continue
                _, cm, key = held
                text = cm["data"][key]
                problem = templates_problem(text) if kind == "templates" else catalogue_problem(text)
                need(problem is None, cw, f"{var}: {cm['metadata']['name']}/{key}: {problem}")
                if kind == "templates":
                    # Read once at start: only a changed pod template rolls fleet-api onto new templates.
                    digest = hashlib.sha256(text.rstrip("\n").encode()).hexdigest()
                    need(annotations.get("checksum/cluster-templates") == digest, cw,
                         "pod annotation checksum/cluster-templates must be the templates file's sha256")
            for var in ("FLEET_GITOPS_USERNAME", "FLEET_GITOPS_PASSWORD"):
                if var in env:
                    need("secretKeyRef" in env[var].get("valueFrom", {}), cw, f"{var} only from a secretKeyRef")
            if "FLEET_GITOPS_REPOSITORY" in env:
                found.add("FLEET_GITOPS_REPOSITORY")
                repo = env["FLEET_GITOPS_REPOSITORY"].get("value", "")
                need(not USERINFO.match(repo), cw, "FLEET_GITOPS_REPOSITORY carries a user or token in its URL")
                need(("FLEET_GITOPS_USERNAME" in env) == ("FLEET_GITOPS_PASSWORD" in env), cw,
                     "Git user and password come together")
                if "FLEET_GITOPS_PASSWORD" in env:
                    found.add("FLEET_GITOPS_PASSWORD")
                work = env.get("FLEET_GITOPS_WORK_DIR", {}).get("value", "")
                mount = mounts.get(work) or next((m for p, m in mounts.items() if work.startswith(p + "/")), None)
                need(mount is not None and not mount.get("readOnly") and "emptyDir" in volumes.get(mount["name"], {}),
                     cw, f"FLEET_GITOPS_WORK_DIR {work!r} must be on a writable emptyDir")
                if mount is not None:
                    need(mount["mountPath"] != "/tmp", cw, "the GitOps copy needs its own emptyDir, not /tmp's")
            if c["name"] == "placement":
                need(re.fullmatch(r"[0-9]+(ms|s|m|h|d)", env.get("EDGEFLEET_UPGRADE_STEP_TIMEOUT", {})
                                  .get("value", "")) is not None, cw, "EDGEFLEET_UPGRADE_STEP_TIMEOUT")
                need(re.fullmatch(r"0|[0-9]+(ms|s|m|h|d)", env.get("EDGEFLEET_PLACEMENT_CONSOLIDATION_AUTO_INTERVAL", {})
                                  .get("value", "")) is not None, cw, "EDGEFLEET_PLACEMENT_CONSOLIDATION_AUTO_INTERVAL")
    for cm_name, cm in config_maps.items():
        need(cm_name in mounted_config_maps, f"ConfigMap {cm_name}", "mounted by no Deployment")
        for key, text in cm.get("data", {}).items():
            need(not CREDENTIAL_TEXT.search(text), f"ConfigMap {cm_name}", f"{key} looks like it holds a credential")
    day2 = set(CONFIG_FILES) | {"FLEET_GITOPS_REPOSITORY", "FLEET_GITOPS_PASSWORD"}
    if expect_day2:
        need(found >= day2, "day-2 settings", f"not rendered: {sorted(day2 - found)}")
    else:
        need(not found, "day-2 settings", f"rendered although the values leave them off: {sorted(found)}")
