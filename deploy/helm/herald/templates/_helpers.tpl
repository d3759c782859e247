{{/* The release's name for its objects, at most 63 characters. */}}
{{- define "herald.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "herald.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "herald.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "herald.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "herald.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "herald.fullname" .) -}}
{{- end -}}

{{- define "herald.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "herald.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Refuses settings that cannot work: several nodes on the memory engine. */}}
{{- define "herald.check" -}}
{{- if and (ne .Values.engine.type "redis") (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) -}}
{{- fail "engine.type must be redis for more than one replica (replicaCount > 1 or autoscaling.enabled): with the memory engine every pod would be a separate Herald" -}}
{{- end -}}
{{- if not (has .Values.engine.type (list "memory" "redis")) -}}
{{- fail (printf "engine.type must be memory or redis, got %q" .Values.engine.type) -}}
{{- end -}}
{{- if and (eq .Values.engine.type "redis") (not .Values.engine.redis.address) (not .Values.secrets.existingSecret) -}}
{{- fail "engine.redis.address is required with engine.type redis (or put HERALD_ENGINE_REDIS_ADDRESS in secrets.existingSecret)" -}}
{{- end -}}
{{- if le (int .Values.shutdown.timeoutSeconds) (int .Values.shutdown.drainPeriodSeconds) -}}
{{- fail "shutdown.timeoutSeconds must be more than shutdown.drainPeriodSeconds" -}}
{{- end -}}
{{- end -}}
