{{/*
fleet-api's operator configuration beyond Kafka and keys: its cluster templates (a ConfigMap) and the GitOps
intake (env, and an emptyDir for its copy of the repository). Argument: the chart's context.
*/}}

{{/* The templates file as fleet-api reads it (fleet.templates.file), from fleetApi.templates. */}}
{{- define "edgefleet.templatesFile" -}}
# Cluster templates of this installation, over the ones fleet-api ships (values fleetApi.templates).
{{ dict "templates" .Values.fleetApi.templates | toYaml }}
{{- end -}}

{{- define "edgefleet.templatesEnv" -}}
{{- if .Values.fleetApi.templates }}
- name: FLEET_TEMPLATES_FILE
  value: /etc/edgefleet/templates/cluster-templates.yaml
{{- end }}
{{- end -}}

{{- define "edgefleet.templatesMount" -}}
{{- if .Values.fleetApi.templates }}
- {name: templates, mountPath: /etc/edgefleet/templates, readOnly: true}
{{- end }}
{{- end -}}

{{- define "edgefleet.templatesVolume" -}}
{{- if .Values.fleetApi.templates }}
- name: templates
  configMap:
    name: {{ include "edgefleet.fullname" (dict "root" . "name" "fleet-api") }}-templates
    items: [{key: cluster-templates.yaml, path: cluster-templates.yaml}]
{{- end }}
{{- end -}}

{{/*
Read once at start: a change of the templates must roll the pods, so their template carries its checksum.
*/}}
{{- define "edgefleet.templatesAnnotation" -}}
{{- if .Values.fleetApi.templates }}
checksum/cluster-templates: {{ include "edgefleet.templatesFile" . | sha256sum }}
{{- end }}
{{- end -}}

{{/*
The intake's settings. The user and password come from the operator's Secret as secretKeyRef, so they are in
no ConfigMap, no rendered manifest and no pod spec.
*/}}
{{- define "edgefleet.gitopsEnv" -}}
{{- $g := .Values.fleetApi.gitops }}
{{- if $g.repository }}
- name: FLEET_GITOPS_REPOSITORY
  value: {{ $g.repository | quote }}
- name: FLEET_GITOPS_BRANCH
  value: {{ required "fleetApi.gitops.branch is required with a repository" $g.branch | quote }}
{{- with $g.directory }}
- name: FLEET_GITOPS_DIRECTORY
  value: {{ . | quote }}
{{- end }}
- name: FLEET_GITOPS_INTERVAL
  value: {{ $g.interval | quote }}
- name: FLEET_GITOPS_WORK_DIR
  value: /var/lib/edgefleet/gitops
{{- with $g.credentialsSecret }}
- name: FLEET_GITOPS_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $g.usernameKey }}}
- name: FLEET_GITOPS_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ . }}, key: {{ $g.passwordKey }}}
{{- end }}
{{- end }}
{{- end -}}

{{/* Writable, unlike the root file system: the bare copy of the repository the intake fetches into. */}}
{{- define "edgefleet.gitopsMount" -}}
{{- if .Values.fleetApi.gitops.repository }}
- {name: gitops, mountPath: /var/lib/edgefleet/gitops}
{{- end }}
{{- end -}}

{{- define "edgefleet.gitopsVolume" -}}
{{- if .Values.fleetApi.gitops.repository }}
- name: gitops
  emptyDir: {sizeLimit: {{ .Values.fleetApi.gitops.workDirSizeLimit }}}
{{- end }}
{{- end -}}
