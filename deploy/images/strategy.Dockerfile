# cx-strategy: the strategy service alone, as `cx serve strategy`.
# scripts/build-images builds it on the cx image of the same tag (cx.Dockerfile).
# Written by `cx catalog write` from services/Cx.Host/Launch/ServiceCatalog.cs: change the
# catalog and run it again; `cx catalog check` and the tests fail on a hand edit.
ARG CX_IMAGE
FROM ${CX_IMAGE}
USER $APP_UID
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "/app/cx.dll", "serve", "strategy"]
