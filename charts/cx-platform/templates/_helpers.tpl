{{/*
Names, labels and settings shared by the templates. The per-service templates are one range over
.Values.services; the helpers that concern one service take a dict of root (the top context),
name (the service) and svc (its values).
*/}}

{{/* The chart's name, or nameOverride. */}}
{{- define "cx.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every resource name: the release name, plus the chart name unless it is in it already. */}}
{{- define "cx.fullname" -}}
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

{{/* The name of one part of the release (a service, postgresql, redis, ...): dict root, name. */}}
{{- define "cx.componentName" -}}
{{- printf "%s-%s" (include "cx.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A service's Deployment, Service and ConfigMap name, which is also its host name in the namespace. */}}
{{- define "cx.serviceName" -}}
{{- include "cx.componentName" (dict "root" .root "name" .name) -}}
{{- end -}}

{{- define "cx.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every resource of the release carries (app.kubernetes.io/*). */}}
{{- define "cx.labels" -}}
helm.sh/chart: {{ include "cx.chart" . }}
{{ include "cx.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cx-platform
{{- end -}}

{{/* The labels that pick the release's pods (used by the NetworkPolicies). */}}
{{- define "cx.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cx.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one part of the release: dict root, component. */}}
{{- define "cx.componentLabels" -}}
{{ include "cx.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The labels that pick one part's pods: dict root, component. */}}
{{- define "cx.componentSelectorLabels" -}}
{{ include "cx.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "cx.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cx.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* A service's image: <registry>/cx-<name>:<tag>, the tag defaulting to the chart's appVersion. */}}
{{- define "cx.image" -}}
{{- $root := .root -}}
{{- $repository := .svc.image.repository -}}
{{- if not $repository -}}
{{- $registry := required "global.image.registry is required: where the cx-<service> images were pushed" $root.Values.global.image.registry -}}
{{- $repository = printf "%s/cx-%s" (trimSuffix "/" $registry) .name -}}
{{- end -}}
{{- $tag := .svc.image.tag | default $root.Values.global.image.tag | default $root.Chart.AppVersion | toString -}}
{{- if eq $tag "latest" -}}
{{- fail (printf "services.%s: the image tag must name a version; \"latest\" is refused" .name) -}}
{{- end -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}

{{/* True when the Dapr resources are made: wanted, and the cluster has Dapr's resource types. */}}
{{- define "cx.dapr.resources" -}}
{{- if and .Values.dapr.components.enabled (.Capabilities.APIVersions.Has "dapr.io/v1alpha1") -}}
true
{{- end -}}
{{- end -}}

{{/* The OTLP endpoint the services export to: the in-chart collector, telemetry.otlpEndpoint, or none. */}}
{{- define "cx.otlpEndpoint" -}}
{{- if .Values.otelCollector.enabled -}}
{{- printf "http://%s:4317" (include "cx.componentName" (dict "root" . "name" "otel-collector")) -}}
{{- else -}}
{{- .Values.telemetry.otlpEndpoint -}}
{{- end -}}
{{- end -}}

{{/* The enabled services with a database, space-separated. */}}
{{- define "cx.database.services" -}}
{{- range $name, $svc := .Values.services -}}
{{- if and $svc.enabled $svc.database -}}
{{ $name }}{{ " " }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding ConnectionStrings__<service> (one key per service). */}}
{{/* The Secret holding the gateway's Data Protection key ring: the chart's, or keyRing.existingSecret. */}}
{{- define "cx.keyRing.secretName" -}}
{{- .Values.keyRing.existingSecret | default (include "cx.componentName" (dict "root" . "name" "gateway-key-ring")) -}}
{{- end -}}

{{- define "cx.database.secretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- include "cx.componentName" (dict "root" . "name" "database") -}}
{{- end -}}
{{- end -}}

{{/*
A service's connection string: dict root, name, host, port, username, password, sslMode, options.
Values are quoted as the connection-string syntax allows, so a password may hold ; or '.
*/}}
{{- define "cx.database.connectionString" -}}
{{- $parts := list (printf "Host=%s" .host) (printf "Port=%d" (int .port)) (printf "Database=%s%s" .root.Values.database.namePrefix .name) (printf "Username=%s" .username) (printf "Password='%s'" (replace "'" "''" .password)) (printf "SSL Mode=%s" .sslMode) -}}
{{- if .options -}}
{{- $parts = append $parts .options -}}
{{- end -}}
{{- join ";" $parts -}}
{{- end -}}

{{/* Where migrations run: right after install with the in-chart server (it must exist first), else before. */}}
{{- define "cx.migrations.hook" -}}
{{- if .Values.postgresql.enabled -}}
post-install,pre-upgrade
{{- else -}}
pre-install,pre-upgrade
{{- end -}}
{{- end -}}

{{/* The Secret the migration Jobs read: it must exist when the hook runs. */}}
{{- define "cx.migrations.secretName" -}}
{{- if or .Values.database.existingSecret .Values.postgresql.enabled -}}
{{- include "cx.database.secretName" . -}}
{{- else -}}
{{- include "cx.componentName" (dict "root" . "name" "database-migrations") -}}
{{- end -}}
{{- end -}}

{{/*
A service's settings, as environment variables (a YAML map of strings): dict root, name, svc.
The service's own `env` comes last and wins.
*/}}
{{- define "cx.service.config" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := .svc -}}
{{- $env := dict -}}
{{- $_ := set $env "Cx__Backend" "dapr" -}}
{{- $_ := set $env "Cx__BindAddress" "0.0.0.0" -}}
{{- $_ := set $env "Cx__DataDirectory" "/var/lib/cx" -}}
{{- $_ := set $env "Cx__Ports__Grpc" (toString (int $root.Values.ports.grpc)) -}}
{{- $_ := set $env "Cx__Ports__Http" (toString (int $root.Values.ports.http)) -}}
{{- $_ := set $env "Cx__ShutdownTimeoutSeconds" (toString (int $root.Values.shutdown.timeoutSeconds)) -}}
{{- $_ := set $env "Cx__Eventing__Dapr__PubSubName" $root.Values.dapr.pubsub.name -}}
{{- $_ := set $env "Cx__Eventing__Dapr__DeadLetterTopic" $root.Values.dapr.pubsub.deadLetterTopic -}}
{{- $_ := set $env "Cx__Identity__KeyDirectory" "/etc/cx/identity" -}}
{{- $_ := set $env "Cx__Identity__TrustedIssuers" (include "cx.identity.trustedIssuers" (dict "root" $root "name" $name)) -}}
{{- if include "cx.dapr.callsApp" . -}}
{{- $_ := set $env "Cx__Eventing__Dapr__AppPort" (toString (int $svc.dapr.appPort)) -}}
{{- end -}}
{{- if $svc.database -}}
{{- $_ := set $env "Cx__Database__Provider" "postgresql" -}}
{{- $_ := set $env "Cx__Database__MigrateOnStartup" "false" -}}
{{- end -}}
{{- $otlp := include "cx.otlpEndpoint" $root -}}
{{- if $otlp -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" $otlp -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_PROTOCOL" "grpc" -}}
{{- end -}}
{{- range $peer := $svc.peers -}}
{{- if not (hasKey $root.Values.services $peer) -}}
{{- fail (printf "services.%s.peers names %s, which is not a service of this chart" $name $peer) -}}
{{- end -}}
{{- if not (index $root.Values.services $peer).enabled -}}
{{- fail (printf "services.%s calls %s (peers), which is not enabled" $name $peer) -}}
{{- end -}}
{{- /* dns:/// on the headless Service: the client balances calls over every pod of the peer. */ -}}
{{- $_ := set $env (printf "Cx__Peers__%s" (title $peer)) (printf "dns:///%s:%d" (include "cx.serviceName" (dict "root" $root "name" $peer)) (int $root.Values.ports.grpc)) -}}
{{- end -}}
{{- if eq $name "gateway" -}}
{{- $_ := set $env "Cx__Gateway__ResolveDns" "true" -}}
{{- /* The key ring every replica shares, read-only from its Secret: its keys are made outside the pods. */ -}}
{{- $_ := set $env "Cx__Gateway__DataProtection__KeyRingPath" "/etc/cx/key-ring" -}}
{{- $_ := set $env "Cx__Gateway__DataProtection__GenerateKeys" "false" -}}
{{- end -}}
{{- /* The gateway routes to every other service; the platform service lists them. */ -}}
{{- if or (eq $name "gateway") (eq $name "platform") -}}
{{- $section := ternary "Gateway" "Platform" (eq $name "gateway") -}}
{{- range $other, $o := $root.Values.services -}}
{{- if and $o.enabled (ne $other $name) -}}
{{- $host := include "cx.serviceName" (dict "root" $root "name" $other) -}}
{{- $_ := set $env (printf "Cx__%s__Services__%s__Grpc" $section $other) (printf "http://%s:%d" $host (int $root.Values.ports.grpc)) -}}
{{- $_ := set $env (printf "Cx__%s__Services__%s__Http" $section $other) (printf "http://%s:%d" $host (int $root.Values.ports.http)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := $svc.env -}}
{{- $_ := set $env $key (toString $value) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
The environment a service's container gets besides its ConfigMap: the pod's identity for the
telemetry resource, and its connection string from the database Secret. dict root, name, svc,
secret, and workload (the telemetry attribute naming the Deployment or Job).
*/}}
{{- define "cx.service.env" -}}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: K8S_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "k8s.namespace.name=$(K8S_NAMESPACE),k8s.pod.name=$(K8S_POD_NAME),%s" .workload | quote }}
{{- if .svc.database }}
- name: {{ printf "ConnectionStrings__%s" .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .name }}
{{- end }}
{{- end -}}

{{/*
The Secret holding the token every sidecar sends to its app (key "token", as dapr.io/app-token-secret
reads it): dapr.appTokenSecret, or the one the chart makes. The app gets the same key as APP_API_TOKEN.
*/}}
{{- define "cx.dapr.appTokenSecret" -}}
{{- .Values.dapr.appTokenSecret | default (include "cx.componentName" (dict "root" . "name" "dapr-app-token")) -}}
{{- end -}}

{{/* The Dapr annotations of a service's pods (see design/dapr-contract.md): dict root, name, svc. */}}
{{- define "cx.dapr.annotations" -}}
{{- $root := .root -}}
{{- $dapr := .svc.dapr -}}
{{- $callsApp := include "cx.dapr.callsApp" . -}}
{{- if and $callsApp (or (eq (int $dapr.appPort) (int $root.Values.ports.http)) (eq (int $dapr.appPort) (int $root.Values.ports.grpc))) -}}
{{- fail (printf "services.%s.dapr.appPort must differ from ports.http and ports.grpc: the delivery routes answer only on the app port, which no caller but the sidecar reaches" .name) -}}
{{- end -}}
{{- if ge (int $root.Values.dapr.gracefulShutdownSeconds) (int $root.Values.shutdown.terminationGracePeriodSeconds) -}}
{{- fail "dapr.gracefulShutdownSeconds must be below shutdown.terminationGracePeriodSeconds" -}}
{{- end -}}
{{- $config := $dapr.config -}}
{{- if and (not $config) (include "cx.dapr.resources" $root) -}}
{{- $config = $root.Values.dapr.configuration.name -}}
{{- end -}}
dapr.io/enabled: "true"
dapr.io/app-id: {{ $dapr.appId | quote }}
{{- if $callsApp }}
dapr.io/app-port: {{ (int $dapr.appPort) | toString | quote }}
dapr.io/app-protocol: {{ $dapr.appProtocol | quote }}
dapr.io/app-token-secret: {{ include "cx.dapr.appTokenSecret" $root | quote }}
{{- end }}
{{- if $config }}
dapr.io/config: {{ $config | quote }}
{{- end }}
dapr.io/graceful-shutdown-seconds: {{ (int $root.Values.dapr.gracefulShutdownSeconds) | toString | quote }}
{{- if $callsApp }}
dapr.io/app-max-concurrency: {{ (int $dapr.maxConcurrency) | toString | quote }}
{{- end }}
dapr.io/log-level: {{ $root.Values.dapr.logLevel | quote }}
{{- if and $callsApp $root.Values.dapr.appHealthCheck.enabled }}
dapr.io/enable-app-health-check: "true"
dapr.io/app-health-check-path: {{ $root.Values.dapr.appHealthCheck.path | quote }}
dapr.io/app-health-probe-interval: {{ (int $root.Values.dapr.appHealthCheck.intervalSeconds) | toString | quote }}
dapr.io/app-health-threshold: {{ (int $root.Values.dapr.appHealthCheck.threshold) | toString | quote }}
{{- end }}
{{- with $root.Values.dapr.sidecar.cpuRequest }}
dapr.io/sidecar-cpu-request: {{ . | quote }}
{{- end }}
{{- with $root.Values.dapr.sidecar.memoryRequest }}
dapr.io/sidecar-memory-request: {{ . | quote }}
{{- end }}
{{- with $root.Values.dapr.sidecar.cpuLimit }}
dapr.io/sidecar-cpu-limit: {{ . | quote }}
{{- end }}
{{- with $root.Values.dapr.sidecar.memoryLimit }}
dapr.io/sidecar-memory-limit: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
True when the sidecar calls the service: it uses pub/sub (files/events.yaml), so it listens on its
app port for the subscription routes. A service without events gets no app port: its sidecar
never calls it. dict root, name.
*/}}
{{- define "cx.dapr.callsApp" -}}
{{- if hasKey (.root.Files.Get "files/events.yaml" | fromYaml) .name -}}
true
{{- end -}}
{{- end -}}

{{/*
The apps allowed on the pub/sub component, and their topics: the enabled services listed in
files/events.yaml. "cx.dapr.pubsubApps" gives their app ids, one per line.
*/}}
{{- define "cx.dapr.pubsubApps" -}}
{{- $events := .Files.Get "files/events.yaml" | fromYaml -}}
{{- range $name, $svc := .Values.services -}}
{{- if and $svc.enabled (hasKey $events $name) }}
{{ $svc.dapr.appId }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
publishingScopes or subscriptionScopes of the pub/sub component: dict root, kind ("publishes" or
"subscribes"). A subscriber may also publish and subscribe to its own dead-letter topic
(<deadLetterTopic>.<service>): Dapr publishes a dead letter on the subscriber's behalf, under its
scopes, and the subscriber reads it back to keep it. An app with no topics gets "app=", which allows none.
*/}}
{{- define "cx.dapr.topicScopes" -}}
{{- $root := .root -}}
{{- $kind := .kind -}}
{{- $events := $root.Files.Get "files/events.yaml" | fromYaml -}}
{{- $entries := list -}}
{{- range $name, $svc := $root.Values.services -}}
{{- if and $svc.enabled (hasKey $events $name) -}}
{{- $declared := index $events $name -}}
{{- $topics := index $declared $kind | default list -}}
{{- if index $declared "subscribes" -}}
{{- $topics = append $topics (printf "%s.%s" $root.Values.dapr.pubsub.deadLetterTopic $name) -}}
{{- end -}}
{{- $entries = append $entries (printf "%s=%s" $svc.dapr.appId (join "," $topics)) -}}
{{- end -}}
{{- end -}}
{{- join ";" $entries -}}
{{- end -}}

{{/* The restrictive container security context for the chart's own infrastructure containers. */}}
{{- define "cx.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
The gateway's rate limits in Redis (redis.gatewayRateLimits): the StackExchange.Redis address of
the in-chart Redis or redis.external, its password taken from the Secret into a variable first,
since a ConfigMap cannot hold it. Empty when there is no Redis to share.
*/}}
{{- define "cx.gateway.rateLimitEnv" -}}
{{- if .Values.redis.gatewayRateLimits -}}
{{- if .Values.redis.enabled }}
- name: CX_RATE_LIMIT_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "cx.componentName" (dict "root" . "name" "redis") }}
      key: password
- name: Cx__Gateway__RateLimits__Redis
  value: {{ printf "%s:6379,password=$(CX_RATE_LIMIT_REDIS_PASSWORD)" (include "cx.componentName" (dict "root" . "name" "redis")) | quote }}
{{- else if .Values.redis.external.address }}
{{- with .Values.redis.external.existingSecret }}
- name: CX_RATE_LIMIT_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.redis.external.existingSecretKey }}
{{- end }}
- name: Cx__Gateway__RateLimits__Redis
  value: {{ printf "%s%s%s" .Values.redis.external.address (ternary ",password=$(CX_RATE_LIMIT_REDIS_PASSWORD)" "" (ne .Values.redis.external.existingSecret "")) (ternary ",ssl=true" "" .Values.redis.external.tls) | quote }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* The Secret holding a service's identity key: dict root, name. */}}
{{- define "cx.identity.secretName" -}}
{{- printf "%s-identity" (include "cx.serviceName" (dict "root" .root "name" .name)) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The ConfigMap of every service's public identity key. */}}
{{- define "cx.identity.publicName" -}}
{{- include "cx.componentName" (dict "root" . "name" "identity") -}}
{{- end -}}

{{/* Whose identity tokens a service believes: the gateway and every enabled service that calls it. dict root, name. */}}
{{- define "cx.identity.trustedIssuers" -}}
{{- $trusted := list "gateway" -}}
{{- range $other, $o := .root.Values.services -}}
{{- if and $o.enabled (has $.name $o.peers) -}}
{{- $trusted = append $trusted $other -}}
{{- end -}}
{{- end -}}
{{- join "," ($trusted | uniq) -}}
{{- end -}}
