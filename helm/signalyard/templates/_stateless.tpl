{{/*
Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget of a stateless HTTP service
(ingest, query-api). Called with (dict "root" $ "component" "<name>" "values" .Values.<service>).
*/}}
{{- define "signalyard.statelessService" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $name := include "signalyard.componentName" . }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "signalyard.componentLabels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  {{- /* With an HPA the replica count is its business; a fixed one here would be reset on every upgrade. */}}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # Never below the current capacity during a rollout: webhooks must keep being answered.
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "signalyard.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "signalyard.componentLabels" . | nindent 8 }}
      annotations:
        {{- include "signalyard.configChecksums" $root | nindent 8 }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "signalyard.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .component }}
          image: {{ include "signalyard.image" . | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          ports:
            {{- include "signalyard.containerPorts" $v | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ include "signalyard.configMapName" $root }}
          env:
            {{- include "signalyard.portEnv" $v | nindent 12 }}
            - name: JAVA_TOOL_OPTIONS
              value: {{ $v.javaOpts | quote }}
            {{- range $key, $value := $v.env }}
            - name: {{ $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
          {{- include "signalyard.probes" . | nindent 10 }}
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $v.preStopSleepSeconds }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          volumeMounts:
            {{- include "signalyard.commonVolumeMounts" $root | nindent 12 }}
      volumes:
        {{- include "signalyard.commonVolumes" $root | nindent 8 }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "signalyard.componentLabels" . | nindent 4 }}
spec:
  type: {{ $v.service.type }}
  selector:
    {{- include "signalyard.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.service.port }}
      targetPort: http
      protocol: TCP
    # Inside the cluster only (the helm test, a ServiceMonitor): the Ingress routes "http" alone.
    - name: management
      port: {{ $v.managementPort }}
      targetPort: management
      protocol: TCP
{{- if $v.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "signalyard.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # Scaling query-api down ends SSE streams; do it slowly.
      stabilizationWindowSeconds: 300
{{- end }}
{{- if $v.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "signalyard.componentLabels" . | nindent 4 }}
spec:
  minAvailable: {{ $v.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "signalyard.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
