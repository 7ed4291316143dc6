#!/usr/bin/python3
"""Interop client for the Cx platform service, built on grpcio.

    /usr/bin/python3 interop_client.py --target 127.0.0.1:7300 --identity TOKEN

It checks health, lists services through server reflection, discovers
cx.platform.v1.PlatformService through reflection (no local copy of its
.proto), calls it, and prints ONE JSON object with every answer on stdout.
Diagnostics go to stderr. Exit codes: 0 when every call got an answer from the
server (error answers included), 2 when some call got none (deadline exceeded
or unavailable), 1 when the client itself failed.

Needs only Debian's python3-grpcio and python3-protobuf: the health,
reflection and rich-error messages are described below in code, because the
packages that usually ship them are not available there.
"""

import argparse
import json
import queue
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

CALL_TIMEOUT_SECONDS = 10
PLATFORM_SERVICE = "cx.platform.v1.PlatformService"
IDENTITY_HEADER = "x-cx-identity"
NO_ANSWER_CODES = {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE}

F = descriptor_pb2.FieldDescriptorProto


def log(*parts):
    print("[interop-client]", *parts, file=sys.stderr, flush=True)


# --- Messages of public protocols, written out as descriptors ----------------

def field(name, number, kind, type_name=None, repeated=False, oneof_index=None):
    result = F(name=name, number=number, type=kind,
               label=F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL)
    if type_name:
        result.type_name = type_name
    if oneof_index is not None:
        result.oneof_index = oneof_index
    return result


def message(name, *fields, oneofs=(), enums=(), nested=()):
    return descriptor_pb2.DescriptorProto(
        name=name, field=fields, enum_type=enums, nested_type=nested,
        oneof_decl=[descriptor_pb2.OneofDescriptorProto(name=o) for o in oneofs])


def proto3_file(name, package, *messages):
    return descriptor_pb2.FileDescriptorProto(
        name=name, package=package, syntax="proto3", message_type=messages)


def reflection_file(version):
    """grpc.reflection.{version}: v1 and v1alpha have identical messages."""
    p = f".grpc.reflection.{version}."
    return proto3_file(
        f"grpc/reflection/{version}/reflection.proto", f"grpc.reflection.{version}",
        message("ServerReflectionRequest",
                field("host", 1, F.TYPE_STRING),
                field("file_by_filename", 3, F.TYPE_STRING, oneof_index=0),
                field("file_containing_symbol", 4, F.TYPE_STRING, oneof_index=0),
                field("file_containing_extension", 5, F.TYPE_MESSAGE, p + "ExtensionRequest", oneof_index=0),
                field("all_extension_numbers_of_type", 6, F.TYPE_STRING, oneof_index=0),
                field("list_services", 7, F.TYPE_STRING, oneof_index=0),
                oneofs=["message_request"]),
        message("ExtensionRequest",
                field("containing_type", 1, F.TYPE_STRING),
                field("extension_number", 2, F.TYPE_INT32)),
        message("ServerReflectionResponse",
                field("valid_host", 1, F.TYPE_STRING),
                field("original_request", 2, F.TYPE_MESSAGE, p + "ServerReflectionRequest"),
                field("file_descriptor_response", 4, F.TYPE_MESSAGE, p + "FileDescriptorResponse", oneof_index=0),
                field("all_extension_numbers_response", 5, F.TYPE_MESSAGE, p + "ExtensionNumberResponse", oneof_index=0),
                field("list_services_response", 6, F.TYPE_MESSAGE, p + "ListServiceResponse", oneof_index=0),
                field("error_response", 7, F.TYPE_MESSAGE, p + "ErrorResponse", oneof_index=0),
                oneofs=["message_response"]),
        message("FileDescriptorResponse", field("file_descriptor_proto", 1, F.TYPE_BYTES, repeated=True)),
        message("ExtensionNumberResponse",
                field("base_type_name", 1, F.TYPE_STRING),
                field("extension_number", 2, F.TYPE_INT32, repeated=True)),
        message("ListServiceResponse", field("service", 1, F.TYPE_MESSAGE, p + "ServiceResponse", repeated=True)),
        message("ServiceResponse", field("name", 1, F.TYPE_STRING)),
        message("ErrorResponse",
                field("error_code", 1, F.TYPE_INT32),
                field("error_message", 2, F.TYPE_STRING)),
    )


HEALTH_FILE = proto3_file(
    "grpc/health/v1/health.proto", "grpc.health.v1",
    message("HealthCheckRequest", field("service", 1, F.TYPE_STRING)),
    message("HealthCheckResponse",
            field("status", 1, F.TYPE_ENUM, ".grpc.health.v1.HealthCheckResponse.ServingStatus"),
            enums=[descriptor_pb2.EnumDescriptorProto(name="ServingStatus", value=[
                descriptor_pb2.EnumValueDescriptorProto(name=n, number=i)
                for i, n in enumerate(["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"])])]),
)

# google.rpc.Status carries its details as google.protobuf.Any; a local message
# with Any's two fields has the same wire shape and keeps this file self-contained.
RPC_FILE = proto3_file(
    "google/rpc/status_and_details.proto", "google.rpc",
    message("Status",
            field("code", 1, F.TYPE_INT32),
            field("message", 2, F.TYPE_STRING),
            field("details", 3, F.TYPE_MESSAGE, ".google.rpc.AnyValue", repeated=True)),
    message("AnyValue",
            field("type_url", 1, F.TYPE_STRING),
            field("value", 2, F.TYPE_BYTES)),
    message("BadRequest",
            field("field_violations", 1, F.TYPE_MESSAGE, ".google.rpc.BadRequest.FieldViolation", repeated=True),
            nested=[message("FieldViolation",
                            field("field", 1, F.TYPE_STRING),
                            field("description", 2, F.TYPE_STRING))]),
)


def build_classes(files):
    """Adds `files` (dependencies first) to a fresh pool; returns it and a message-class lookup by full name."""
    pool = descriptor_pool.DescriptorPool()
    for file in files:
        pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    return pool, lambda full_name: factory.GetPrototype(pool.FindMessageTypeByName(full_name))


_, _known = build_classes([HEALTH_FILE, reflection_file("v1"), reflection_file("v1alpha"), RPC_FILE])
HealthCheckRequest = _known("grpc.health.v1.HealthCheckRequest")
HealthCheckResponse = _known("grpc.health.v1.HealthCheckResponse")
RpcStatus = _known("google.rpc.Status")
BadRequest = _known("google.rpc.BadRequest")


# --- Calls ---------------------------------------------------------------------

def identity_metadata(token):
    return [(IDENTITY_HEADER, token)] if token is not None else []


def unary(channel, path, request_class, response_class, request, metadata=()):
    """Returns (response, None) or (None, error); an error answer is just another result."""
    call = channel.unary_unary(path, request_serializer=request_class.SerializeToString,
                               response_deserializer=response_class.FromString)
    try:
        return call(request, timeout=CALL_TIMEOUT_SECONDS, metadata=list(metadata)), None
    except grpc.RpcError as error:
        return None, error


def describe_error(error, with_details=False):
    """Numeric code, message, and the google.rpc.Status of the grpc-status-details-bin trailer."""
    code, message = error.code().value[0], error.details()
    if not with_details:
        return {"code": code, "message": message}
    details_bin = next((value for key, value in (error.trailing_metadata() or ())
                        if key == "grpc-status-details-bin"), None)
    if details_bin is None:
        log(f"no grpc-status-details-bin trailer on {error.code().name} answer")
        return {"code": code, "message": message, "fieldViolations": []}
    status = RpcStatus.FromString(details_bin)
    violations = []
    for detail in status.details:
        if detail.type_url.rsplit("/", 1)[-1] != "google.rpc.BadRequest":
            log(f"ignoring status detail {detail.type_url}")
            continue
        for violation in BadRequest.FromString(detail.value).field_violations:
            violations.append({"field": violation.field, "description": violation.description})
    return {"code": code, "statusCode": status.code, "message": message, "fieldViolations": violations}


class ReflectionError(Exception):
    def __init__(self, code, message):
        super().__init__(f"reflection error {code}: {message}")
        self.code = code


class ReflectionSession:
    """Server reflection over one bidi stream: ask() sends a request and waits
    for the answer to it (the server answers requests in order)."""

    def __init__(self, channel, version):
        self.Request = _known(f"grpc.reflection.{version}.ServerReflectionRequest")
        response_class = _known(f"grpc.reflection.{version}.ServerReflectionResponse")
        method = channel.stream_stream(
            f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
            request_serializer=self.Request.SerializeToString,
            response_deserializer=response_class.FromString)
        # grpcio pulls requests from this iterator as they are queued; None ends it.
        self._requests = queue.Queue()
        self._responses = method(iter(self._requests.get, None), timeout=CALL_TIMEOUT_SECONDS)

    def ask(self, **request):
        self._requests.put(self.Request(**request))
        response = next(self._responses)  # raises grpc.RpcError if the call failed
        if response.HasField("error_response"):
            raise ReflectionError(response.error_response.error_code, response.error_response.error_message)
        return response

    def close(self):
        # Half-close and let the server finish the call, rather than cancelling
        # it (a reset stream); the call's deadline still bounds the wait.
        self._requests.put(None)
        try:
            for _ in self._responses:
                pass
        except grpc.RpcError:
            pass


def open_reflection(channel):
    """A reflection session on v1, or on v1alpha when the server does not
    implement v1. The first request (list_services) doubles as the probe."""
    for version in ("v1", "v1alpha"):
        session = ReflectionSession(channel, version)
        try:
            return session, version, session.ask(list_services="")
        except grpc.RpcError as error:
            session.close()
            if error.code() != grpc.StatusCode.UNIMPLEMENTED or version == "v1alpha":
                raise
            log("reflection v1 is unimplemented, falling back to v1alpha")


def discover(session, symbol):
    """Fetches the file defining `symbol` and all it depends on; returns a pool of them."""
    files = {}

    def add_files(response):
        for data in response.file_descriptor_response.file_descriptor_proto:
            file = descriptor_pb2.FileDescriptorProto.FromString(data)
            files.setdefault(file.name, file)

    def missing():
        return sorted({d for f in files.values() for d in f.dependency if d not in files})

    add_files(session.ask(file_containing_symbol=symbol))
    # Servers may send the dependencies along or leave them out; ask for any missing.
    while missing():
        for name in missing():
            add_files(session.ask(file_by_filename=name))
            if name not in files:
                raise RuntimeError(f"reflection did not return {name}")
    log(f"discovered {symbol} in {', '.join(files)}")

    ordered, seen = [], set()

    def visit(name):  # dependencies first, as the pool requires
        if name not in seen:
            seen.add(name)
            for dependency in files[name].dependency:
                visit(dependency)
            ordered.append(files[name])

    for name in list(files):
        visit(name)
    pool, classes = build_classes(ordered)
    return pool.FindServiceByName(symbol), classes


def run(target, identity, result):
    """Fills `result` step by step, so a crash still leaves the answers so far to print."""
    unanswered = 0

    def error_answer(error, with_details=False):
        nonlocal unanswered
        if error.code() in NO_ANSWER_CODES:
            unanswered += 1
            log(f"no answer: {error.code().name} {error.details()}")
        return describe_error(error, with_details)

    status_names = HealthCheckResponse.DESCRIPTOR.fields_by_name["status"].enum_type.values_by_number
    with grpc.insecure_channel(target) as channel:
        for key, service in (("health", ""), ("healthPlatform", PLATFORM_SERVICE)):
            response, error = unary(channel, "/grpc.health.v1.Health/Check", HealthCheckRequest,
                                    HealthCheckResponse, HealthCheckRequest(service=service))
            result[key] = error_answer(error) if error else {"status": status_names[response.status].name}

        session, version, listed = open_reflection(channel)
        try:
            result["services"] = sorted(s.name for s in listed.list_services_response.service)
            log(f"reflection {version} lists {len(result['services'])} services")
            service, classes = discover(session, PLATFORM_SERVICE)
        finally:
            session.close()

        def call_platform(method_name, fields, metadata, with_details=False):
            """Calls a PlatformService method with the types its descriptor names."""
            method = service.methods_by_name[method_name]
            request_class = classes(method.input_type.full_name)
            response_class = classes(method.output_type.full_name)
            response, error = unary(channel, f"/{PLATFORM_SERVICE}/{method_name}",
                                    request_class, response_class, request_class(**fields), metadata)
            if error:
                return error_answer(error, with_details)
            return json_format.MessageToDict(response)

        result["info"] = call_platform("GetInfo", {}, identity_metadata(identity))
        result["badRequest"] = call_platform("ListServices", {"page_size": -1, "page_token": "not-a-token"},
                                             identity_metadata(identity), with_details=True)
        result["missingIdentity"] = call_platform("GetInfo", {}, identity_metadata(None), with_details=True)
        result["notFound"] = call_platform("GetService", {"name": "no-such-service"}, identity_metadata(identity))
        result["getService"] = call_platform("GetService", {"name": "platform"}, identity_metadata(identity))
    return 2 if unanswered else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="host:port of the gRPC (HTTP/2 cleartext) port")
    parser.add_argument("--identity", required=True, help="the identity token the gateway would forward (x-cx-identity)")
    args = parser.parse_args()

    result = {"client": "python-grpcio", "clientVersion": grpc.__version__}
    try:
        exit_code = run(args.target, args.identity, result)
    except Exception as error:  # report the crash in the JSON too, then fail
        if isinstance(error, grpc.RpcError):  # e.g. reflection failed: keep it readable
            error = f"{error.code().value[0]} {error.code().name}: {error.details()}"
        log("failed:", error)
        result["error"] = str(error)
        exit_code = 1
    print(json.dumps(result), flush=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
