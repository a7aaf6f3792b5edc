{{/* Name of a component's resources: <release>-<component>, e.g. prod-placement. */}}
{{- define "edgefleet.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "edgefleet.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "edgefleet.labels" -}}
{{ include "edgefleet.selectorLabels" . }}
app.kubernetes.io/part-of: edgefleet
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "edgefleet.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "edgefleet.usesSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end -}}
{{- end -}}

{{- define "edgefleet.usesTls" -}}
{{- if and (has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL")) .Values.kafka.tls.caSecret }}true{{ end -}}
{{- end -}}

{{/*
Kafka client settings as environment variables. Quarkus' Kafka extension turns KAFKA_X_Y into
the client property x.y, and every Kafka client of a service (SmallRye channels and the clients the
code makes, through its KafkaClientConfig) is built from those properties.
*/}}
{{- define "edgefleet.kafkaEnv" -}}
{{- $v := .root.Values -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $v.kafka.bootstrapServers | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $v.kafka.securityProtocol | quote }}
{{- if include "edgefleet.usesSasl" .root }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $v.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "%s.kafkaUserSecret is required with SASL" .key) .component.kafkaUserSecret }}
      key: {{ $v.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- if include "edgefleet.usesTls" .root }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/edgefleet/kafka-ca/{{ $v.kafka.tls.caKey }}
{{- end }}
{{- if and (eq $v.kafka.securityProtocol "SSL") $v.kafka.tls.clientCertificate.enabled }}
{{- $secret := required (printf "%s.kafkaUserSecret is required with a client certificate" .key) .component.kafkaUserSecret }}
- name: KAFKA_SSL_KEYSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ $v.kafka.tls.clientCertificate.certificateKey }}}
- name: KAFKA_SSL_KEYSTORE_KEY
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ $v.kafka.tls.clientCertificate.keyKey }}}
{{- end }}
{{- end -}}

{{- define "edgefleet.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet: {path: {{ $p.startup.path }}, port: http}
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: {{ $p.liveness.path }}, port: http}
  periodSeconds: {{ $p.liveness.periodSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet: {path: {{ $p.readiness.path }}, port: http}
  periodSeconds: {{ $p.readiness.periodSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end -}}

{{/*
One Deployment of a component. Arguments: root (the chart's context), name (placement or
fleet-api), key (its values key), component (its values), port, env (extra env YAML),
volumes / mounts / initContainers / podAnnotations (extra YAML).
*/}}
{{- define "edgefleet.deployment" -}}
{{- $v := .root.Values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "edgefleet.fullname" . }}
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
spec:
  replicas: {{ .component.replicas }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "edgefleet.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
  template:
    metadata:
      labels:
        {{- include "edgefleet.labels" . | nindent 8 }}
      {{- if or $v.metrics.podAnnotations .podAnnotations }}
      annotations:
        {{- if $v.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: {{ .port | quote }}
        {{- end }}
        {{- with .podAnnotations }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "edgefleet.fullname" . }}
      automountServiceAccountToken: false
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 30
      {{- with .initContainers }}
      initContainers:
        {{- . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ include "edgefleet.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - {name: http, containerPort: {{ .port }}, protocol: TCP}
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ .port | quote }}
            - name: JAVA_OPTS_APPEND
              value: {{ printf "%s -Djava.io.tmpdir=/tmp" .component.javaOpts | quote }}
            {{- include "edgefleet.kafkaEnv" . | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .component.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "edgefleet.probes" . | nindent 10 }}
          resources:
            {{- toYaml .component.resources | nindent 12 }}
          securityContext:
            {{- toYaml $v.securityContext | nindent 12 }}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            {{- if include "edgefleet.usesTls" .root }}
            - {name: kafka-ca, mountPath: /etc/edgefleet/kafka-ca, readOnly: true}
            {{- end }}
            {{- with .mounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: {{ $v.tmpSizeLimit }}}
        {{- if include "edgefleet.usesTls" .root }}
        - name: kafka-ca
          secret:
            secretName: {{ $v.kafka.tls.caSecret }}
            items: [{key: {{ $v.kafka.tls.caKey }}, path: {{ $v.kafka.tls.caKey }}}]
        {{- end }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- with .component.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .component.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if .component.affinity }}
      affinity:
        {{- toYaml .component.affinity | nindent 8 }}
      {{- else }}
      # Spread replicas over nodes so one node loss leaves the service running.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "edgefleet.selectorLabels" . | nindent 14 }}
      {{- end }}
{{- end -}}

{{/* Service, ServiceAccount and PodDisruptionBudget of a component (same arguments). */}}
{{- define "edgefleet.companions" -}}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "edgefleet.fullname" . }}
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
spec:
  type: {{ .serviceType | default "ClusterIP" }}
  selector:
    {{- include "edgefleet.selectorLabels" . | nindent 4 }}
  ports:
    - {name: http, port: {{ .port }}, targetPort: http, protocol: TCP}
---
# Headless: one DNS A record per ready pod, so Prometheus scrapes every replica (dns_sd_configs).
apiVersion: v1
kind: Service
metadata:
  name: {{ include "edgefleet.fullname" . }}-pods
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
    edgefleet.io/metrics: "true"
spec:
  clusterIP: None
  selector:
    {{- include "edgefleet.selectorLabels" . | nindent 4 }}
  ports:
    - {name: http, port: {{ .port }}, targetPort: http, protocol: TCP}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "edgefleet.fullname" . }}
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- if and .component.podDisruptionBudget (gt (int .component.replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "edgefleet.fullname" . }}
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .component.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "edgefleet.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if .root.Values.metrics.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "edgefleet.fullname" . }}
  labels:
    {{- include "edgefleet.labels" . | nindent 4 }}
    {{- with .root.Values.metrics.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "edgefleet.selectorLabels" . | nindent 6 }}
      edgefleet.io/metrics: "true"
  # job = placement / fleet-api, the names the alerts and dashboards select on.
  jobLabel: app.kubernetes.io/name
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .root.Values.metrics.serviceMonitor.interval }}
{{- end }}
{{- end -}}

{{/*
A key file readable by its owner only, from a Secret. The kubelet makes a Secret volume's files root-owned
and group-readable under the pod's fsGroup (whatever defaultMode says), which the services' owner-only check
on key files refuses; so an init container copies the key into a memory-backed emptyDir as this pod's user's
own 0400 file, and the service reads that copy. Arguments: root, name (the component, for its image),
volume (kek, reader-key), secret, key (in the Secret), file (name of the copy). The copy is at
/etc/edgefleet/<volume>/<file>.
*/}}
{{- define "edgefleet.keyFileInit" -}}
- name: copy-{{ .volume }}
  image: {{ include "edgefleet.image" . }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  command: [install, -m, "0400", /etc/edgefleet/{{ .volume }}-secret/{{ .key }}, /etc/edgefleet/{{ .volume }}/{{ .file }}]
  resources:
    requests: {cpu: 10m, memory: 16Mi}
    limits: {memory: 32Mi}
  securityContext:
    {{- toYaml .root.Values.securityContext | nindent 4 }}
  volumeMounts:
    - {name: {{ .volume }}-secret, mountPath: /etc/edgefleet/{{ .volume }}-secret, readOnly: true}
    - {name: {{ .volume }}, mountPath: /etc/edgefleet/{{ .volume }}}
{{- end -}}

{{- define "edgefleet.keyFileVolumes" -}}
- name: {{ .volume }}-secret
  secret:
    secretName: {{ .secret }}
    items: [{key: {{ .key }}, path: {{ .key }}}]
    defaultMode: 0400
- name: {{ .volume }}
  emptyDir: {medium: Memory, sizeLimit: 1Mi}
{{- end -}}

{{- define "edgefleet.keyFileMount" -}}
- {name: {{ .volume }}, mountPath: /etc/edgefleet/{{ .volume }}, readOnly: true}
{{- end -}}
