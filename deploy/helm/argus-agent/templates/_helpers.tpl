{{- define "argus-agent.name" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "argus-agent.labels" -}}
app.kubernetes.io/name: argus-agent
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: argus
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "argus-agent.selector" -}}
app.kubernetes.io/name: argus-agent
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "argus-agent.tokenSecret" -}}
{{- if .Values.existingTokenSecret -}}{{ .Values.existingTokenSecret }}{{- else -}}{{ include "argus-agent.name" . }}-token{{- end -}}
{{- end -}}
