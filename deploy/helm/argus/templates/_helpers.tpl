{{- define "argus.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "argus.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "argus.selectorLabels" -}}
app.kubernetes.io/name: {{ include "argus.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "argus.labels" -}}
{{ include "argus.selectorLabels" . }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: argus
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "argus.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "argus.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- /* The Secret the server's secret settings come from: the user's, or the chart's. */ -}}
{{- define "argus.secretName" -}}
{{- default (include "argus.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{- /* "true" when the server uses an external PostgreSQL rather than the embedded database. */ -}}
{{- define "argus.externalDatabase" -}}
{{- if or .Values.database.url .Values.database.external -}}true{{- end -}}
{{- end -}}

{{- /* Replicas the Deployment asks for: one with the embedded database. */ -}}
{{- define "argus.replicas" -}}
{{- if include "argus.externalDatabase" . -}}{{ .Values.replicaCount }}{{- else -}}1{{- end -}}
{{- end -}}

{{- /* "true" when more than one replica may run (PodDisruptionBudget, spreading). */ -}}
{{- define "argus.multiReplica" -}}
{{- if and (include "argus.externalDatabase" .) (or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1)) -}}true{{- end -}}
{{- end -}}

{{- define "argus.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "argus.dataClaim" -}}
{{- default (printf "%s-data" (include "argus.fullname" .)) .Values.database.persistence.existingClaim -}}
{{- end -}}
