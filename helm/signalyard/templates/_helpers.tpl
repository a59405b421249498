{{/*
Names. Every resource is prefixed with the release's full name so that staging and production
(or two releases in one namespace) never collide.
*/}}
{{- define "signalyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "signalyard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's resources, e.g. "signalyard-query-api". Component names are short, so trunc 52 leaves room for suffixes. */}}
{{- define "signalyard.componentName" -}}
{{- printf "%s-%s" (include "signalyard.fullname" .root | trunc 52 | trimSuffix "-") .component }}
{{- end }}

{{- define "signalyard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "signalyard.labels" -}}
helm.sh/chart: {{ include "signalyard.chart" . }}
app.kubernetes.io/name: {{ include "signalyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: signalyard
{{- end }}

{{/* Selector labels of one component; never change them, they are immutable on Deployments and StatefulSets. */}}
{{- define "signalyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "signalyard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "signalyard.componentLabels" -}}
{{ include "signalyard.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "signalyard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "signalyard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image of one service: <registry>/<repository prefix>-<component>:<tag>, tag defaulting to the chart's appVersion. */}}
{{- define "signalyard.image" -}}
{{- $img := .root.Values.image }}
{{- $repo := printf "%s-%s" $img.repositoryPrefix .component }}
{{- if $img.registry }}
{{- $repo = printf "%s/%s" $img.registry $repo }}
{{- end }}
{{- if $img.digests }}{{- with (get $img.digests .component) }}
{{- $repo = printf "%s@%s" $repo . }}
{{- end }}{{- end }}
{{- if contains "@" $repo }}
{{- $repo }}
{{- else }}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion $img.tag) }}
{{- end }}
{{- end }}

{{- define "signalyard.configMapName" -}}
{{- printf "%s-config" (include "signalyard.fullname" .) }}
{{- end }}

{{- define "signalyard.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- printf "%s-secrets" (include "signalyard.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Pod annotations that roll the pods when the configuration they read at start-up changes.
An existing Secret is not ours to hash: roll the pods yourself after changing it (see docs/operations.md).
*/}}
{{- define "signalyard.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/* Volumes every service pod has: a writable /tmp (the root file system is read-only) and the secrets as files. */}}
{{- define "signalyard.commonVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolumeSizeLimit }}
- name: secrets
  secret:
    secretName: {{ include "signalyard.secretName" . }}
    defaultMode: 0440
    optional: false
{{- end }}

{{- define "signalyard.commonVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: secrets
  mountPath: {{ .Values.secrets.mountPath }}
  readOnly: true
{{- end }}

{{/*
Container ports of a service: its API and actuator's management port, which must differ (on one
port actuator would answer wherever the API is routed). Called with the service's values.
*/}}
{{- define "signalyard.containerPorts" -}}
{{- if eq (int .port) (int .managementPort) }}
{{- fail (printf "managementPort (%v) must differ from port: actuator needs a port the ingress never routes" .managementPort) }}
{{- end }}
- name: http
  containerPort: {{ .port }}
  protocol: TCP
- name: management
  containerPort: {{ .managementPort }}
  protocol: TCP
{{- end }}

{{/* SERVER_PORT and MANAGEMENT_SERVER_PORT of a service. Called with the service's values. */}}
{{- define "signalyard.portEnv" -}}
- name: SERVER_PORT
  value: {{ .port | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ .managementPort | quote }}
{{- end }}

{{/*
HTTP probes against Spring Boot's health groups, on actuator's management port (container port
"management"), never the API port. Liveness is only the liveness state, never a dependency: a pod
that cannot reach Kafka is not fixed by a restart, and a restarted streams pod would only restore
its state again.
*/}}
{{- define "signalyard.probes" -}}
{{- $p := .values.probes }}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: {{ $p.startupFailureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: {{ $p.livenessFailureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: {{ $p.readinessFailureThreshold }}
{{- end }}
