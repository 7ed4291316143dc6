using Google.Api;
using Google.Protobuf.Reflection;
using Type = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;
using FileOptions = Google.Protobuf.Reflection.FileOptions;
using Label = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Label;

namespace Cx.Contracts.Tests;

/// <summary>Made-up file descriptors for the unit tests, shaped like what protoc produces.</summary>
internal static class ProtoFiles
{
    /// <summary>
    /// cx/test/v1/orders.proto, following every convention: message Order (with a nested Line and a
    /// nested enum Kind), enum OrderState and service OrderService with one GET rpc.
    /// </summary>
    public static FileDescriptorProto ValidOrders()
    {
        var order = new DescriptorProto
        {
            Name = "Order",
            Field =
            {
                Scalar(1, "order_id", Type.String),
                Scalar(2, "total_cents", Type.Int64),
                Reference(3, "lines", Type.Message, ".cx.test.v1.Order.Line", Label.Repeated),
                Reference(4, "state", Type.Enum, ".cx.test.v1.OrderState"),
                InOneof(Scalar(5, "note", Type.String), 0),
                InOneof(Scalar(6, "gift_message", Type.String), 0),
                InOneof(Scalar(7, "coupon", Type.String), 1, proto3Optional: true),
            },
            OneofDecl = { new OneofDescriptorProto { Name = "extra" }, new OneofDescriptorProto { Name = "_coupon" } },
            NestedType = { new DescriptorProto { Name = "Line", Field = { Scalar(1, "sku", Type.String) } } },
            EnumType = { Enum("Kind", "KIND_UNSPECIFIED", "KIND_RETAIL") },
            ReservedRange =
            {
                // protoc: "reserved 12 to 14, 8;" ends exclusively.
                new DescriptorProto.Types.ReservedRange { Start = 12, End = 15 },
                new DescriptorProto.Types.ReservedRange { Start = 8, End = 9 },
            },
            ReservedName = { "status", "legacy" },
        };

        return new FileDescriptorProto
        {
            Name = "cx/test/v1/orders.proto",
            Package = "cx.test.v1",
            Syntax = "proto3",
            Options = new FileOptions { CsharpNamespace = "Cx.Test.V1" },
            MessageType = { order, new DescriptorProto { Name = "GetOrderRequest", Field = { Scalar(1, "order_id", Type.String) } } },
            EnumType = { Enum("OrderState", "ORDER_STATE_UNSPECIFIED", "ORDER_STATE_OPEN") },
            Service =
            {
                new ServiceDescriptorProto
                {
                    Name = "OrderService",
                    Method = { Rpc("GetOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", new HttpRule { Get = "/api/test/v1/orders/{order_id}" }) },
                },
            },
        };
    }

    public static FieldDescriptorProto Scalar(int number, string name, Type type, Label label = Label.Optional) =>
        new() { Number = number, Name = name, Type = type, Label = label, JsonName = name };

    public static FieldDescriptorProto Reference(int number, string name, Type type, string typeName, Label label = Label.Optional)
    {
        var field = Scalar(number, name, type, label);
        field.TypeName = typeName;
        return field;
    }

    /// <summary>Puts the field in the message's oneof at <paramref name="index"/>; proto3 optional uses a synthetic one.</summary>
    public static FieldDescriptorProto InOneof(FieldDescriptorProto field, int index, bool proto3Optional = false)
    {
        field.OneofIndex = index;
        field.Proto3Optional = proto3Optional;
        return field;
    }

    public static EnumDescriptorProto Enum(string name, params string[] values)
    {
        var enumType = new EnumDescriptorProto { Name = name };
        for (var i = 0; i < values.Length; i++)
        {
            enumType.Value.Add(new EnumValueDescriptorProto { Name = values[i], Number = i });
        }

        return enumType;
    }

    public static MethodDescriptorProto Rpc(string name, string input, string output, HttpRule? http, Cx.Api.V1.Access access = Cx.Api.V1.Access.Read)
    {
        var method = new MethodDescriptorProto { Name = name, InputType = input, OutputType = output, Options = new MethodOptions() };
        if (access != Cx.Api.V1.Access.Unspecified)
        {
            method.Options.SetExtension(Cx.Api.V1.AccessExtensions.Access, access);
        }

        if (http is not null)
        {
            method.Options.SetExtension(AnnotationsExtensions.Http, http);
        }

        return method;
    }
}
