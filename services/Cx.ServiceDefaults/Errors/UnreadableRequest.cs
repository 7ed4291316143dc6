using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Unicode;
using Cx.Domain.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// A request body that is not the method's message (cut short, an invalid tag or wire type) or
/// whose text fields are not UTF-8 is refused as INVALID_ARGUMENT while it is read, naming the
/// field when the bytes show which one. Protobuf's own parser replaces invalid UTF-8 with U+FFFD
/// silently, so text that was never valid would otherwise be stored as if the caller had sent it.
/// </summary>
internal static class UnreadableRequest
{
    private const string NotUtf8 = "Not valid UTF-8 text.";

    /// <summary>The same method, its requests read by a deserializer that refuses what it cannot read.</summary>
    public static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        if (typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not MessageDescriptor descriptor)
        {
            return method;
        }

        var read = method.RequestMarshaller.ContextualDeserializer;
        TRequest Deserialize(DeserializationContext context)
        {
            TRequest request;
            try
            {
                request = read(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw Refusal(descriptor, context, e.Message);
            }

            // Text outside ASCII is rare enough in requests that only then are the bytes walked.
            var payload = context.PayloadAsReadOnlySequence();
            if (!IsAscii(payload) && Utf8Fields.FindInvalid(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), descriptor) is { } field)
            {
                throw Build(descriptor, NotUtf8, new FieldViolation(field, NotUtf8));
            }

            return request;
        }

        return new Method<TRequest, TResponse>(
            method.Type, method.ServiceName, method.Name, new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, Deserialize), method.ResponseMarshaller);
    }

    private static RpcException Refusal(MessageDescriptor descriptor, DeserializationContext context, string reason)
    {
        // A body can be cut short after a bad string: the first field the bytes show to be wrong is named.
        var field = Utf8Fields.FindInvalid(context.PayloadAsReadOnlySequence().ToArray(), descriptor);
        return field is null ? Build(descriptor, reason, null) : Build(descriptor, NotUtf8, new FieldViolation(field, NotUtf8));
    }

    private static RpcException Build(MessageDescriptor descriptor, string reason, FieldViolation? violation) =>
        RpcErrorMapper.InvalidArgument(
            $"The request body could not be read as a {descriptor.FullName} message: {(violation is null ? reason : violation.Field + ": " + reason)}",
            violation is null ? [] : [violation]);

    private static bool IsAscii(ReadOnlySequence<byte> payload)
    {
        foreach (var segment in payload)
        {
            if (!Ascii.IsValid(segment.Span))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Finds, in a message's wire bytes, the first string field whose bytes are not UTF-8.</summary>
internal static class Utf8Fields
{
    private enum Wire
    {
        Varint = 0,
        Fixed64 = 1,
        Delimited = 2,
        Fixed32 = 5,
    }

    /// <summary>The field's path as a violation names it (<c>items[1].text</c>, <c>labels[key]</c>); null when every string is UTF-8 or the bytes end before one is found.</summary>
    public static string? FindInvalid(ReadOnlySpan<byte> data, MessageDescriptor descriptor) => Find(data, descriptor, string.Empty);

    private static string? Find(ReadOnlySpan<byte> data, MessageDescriptor descriptor, string path)
    {
        var occurrences = new Dictionary<int, int>();
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag) || !TrySkipOrSlice(data, ref position, (Wire)(tag & 7), out var content))
            {
                return null;
            }

            if (descriptor.FindFieldByNumber((int)(tag >> 3)) is not { } field || (Wire)(tag & 7) != Wire.Delimited)
            {
                continue;
            }

            var name = path.Length == 0 ? field.Name : path + "." + field.Name;
            if (field.IsMap)
            {
                if (FindInEntry(content, field, name) is { } inEntry)
                {
                    return inEntry;
                }

                continue;
            }

            if (field.IsRepeated)
            {
                occurrences[field.FieldNumber] = occurrences.GetValueOrDefault(field.FieldNumber) + 1;
                name += $"[{occurrences[field.FieldNumber] - 1}]";
            }

            var found = field.FieldType switch
            {
                FieldType.String => Utf8.IsValid(content) ? null : name,
                FieldType.Message => Find(content, field.MessageType, name),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A map entry is a message of key (1) and value (2): a bad key names the map, a bad value its entry.</summary>
    private static string? FindInEntry(ReadOnlySpan<byte> entry, FieldDescriptor map, string name)
    {
        var keyField = map.MessageType.FindFieldByNumber(1);
        var valueField = map.MessageType.FindFieldByNumber(2);
        string key = string.Empty;
        var position = 0;
        while (position < entry.Length)
        {
            if (!TryReadVarint(entry, ref position, out var tag) || !TrySkipOrSlice(entry, ref position, (Wire)(tag & 7), out var content))
            {
                return null;
            }

            if ((Wire)(tag & 7) != Wire.Delimited)
            {
                if (tag >> 3 == 1)
                {
                    key = "?";
                }

                continue;
            }

            if (tag >> 3 == 1 && keyField.FieldType == FieldType.String)
            {
                if (!Utf8.IsValid(content))
                {
                    return name;
                }

                key = Encoding.UTF8.GetString(content);
            }
            else if (tag >> 3 == 2)
            {
                var entryName = $"{name}[{key}]";
                var found = valueField.FieldType switch
                {
                    FieldType.String => Utf8.IsValid(content) ? null : entryName,
                    FieldType.Message => Find(content, valueField.MessageType, entryName),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static bool TrySkipOrSlice(ReadOnlySpan<byte> data, ref int position, Wire wire, out ReadOnlySpan<byte> content)
    {
        content = default;
        int length;
        switch (wire)
        {
            case Wire.Varint:
                return TryReadVarint(data, ref position, out _);
            case Wire.Fixed64:
                length = 8;
                break;
            case Wire.Fixed32:
                length = 4;
                break;
            case Wire.Delimited:
                if (!TryReadVarint(data, ref position, out var declared) || declared > (ulong)(data.Length - position))
                {
                    return false;
                }

                length = (int)declared;
                content = data.Slice(position, length);
                break;
            default:
                return false;
        }

        if (length > data.Length - position)
        {
            return false;
        }

        position += length;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
