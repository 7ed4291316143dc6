namespace Cx.Contracts.Tests;

/// <summary>What changed between the committed snapshot and the current contract.</summary>
/// <param name="BreakingChanges">Changes that break existing gRPC or REST/JSON clients; never accepted.</param>
/// <param name="CompatibleChanges">Additions and safe removals (reserved fields); accepted by updating the snapshot.</param>
internal sealed record CompatibilityReport(IReadOnlyList<string> BreakingChanges, IReadOnlyList<string> CompatibleChanges)
{
    public bool IsBreaking => BreakingChanges.Count > 0;
}

/// <summary>
/// Compares two contract snapshots and sorts every difference into breaking or compatible.
/// Elements are matched by full name and fields and enum values by number, so moving a message to
/// another file of the same package is not a change.
/// </summary>
internal static class CompatibilityChecker
{
    public static CompatibilityReport Compare(ContractSnapshot committed, ContractSnapshot current)
    {
        var breaking = new List<string>();
        var compatible = new List<string>();

        CompareMessages(committed, current, breaking, compatible);
        CompareEnums(committed, current, breaking, compatible);
        CompareServices(committed, current, breaking, compatible);

        return new CompatibilityReport(breaking, compatible);
    }

    private static void CompareMessages(ContractSnapshot committed, ContractSnapshot current, List<string> breaking, List<string> compatible)
    {
        var currentMessages = current.AllMessages.ToDictionary(message => message.Name, StringComparer.Ordinal);
        var committedNames = committed.AllMessages.Select(message => message.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var before in committed.AllMessages)
        {
            if (!currentMessages.TryGetValue(before.Name, out var after))
            {
                breaking.Add($"message {before.Name} was removed or renamed; clients still send and expect it. Restore it (a new version of the package is the place for a different shape).");
                continue;
            }

            CompareFields(before, after, breaking, compatible);
            CompareReserved($"message {before.Name}", before.ReservedNumbers, before.ReservedNames, after.ReservedNumbers, after.ReservedNames, breaking, compatible);
        }

        compatible.AddRange(current.AllMessages
            .Where(message => !committedNames.Contains(message.Name))
            .Select(message => $"message {message.Name} was added."));
    }

    private static void CompareFields(MessageSnapshot before, MessageSnapshot after, List<string> breaking, List<string> compatible)
    {
        var afterFields = after.Fields.ToDictionary(field => field.Number);
        var beforeNumbers = before.Fields.Select(field => field.Number).ToHashSet();

        foreach (var old in before.Fields)
        {
            var where = $"message {before.Name} field {old.Number} '{old.Name}'";
            if (!afterFields.TryGetValue(old.Number, out var now))
            {
                var numberReserved = after.ReservedNumbers.Any(range => range.Contains(old.Number));
                var nameReserved = after.ReservedNames.Contains(old.Name, StringComparer.Ordinal);
                if (numberReserved && nameReserved)
                {
                    compatible.Add($"{where} was removed; its number and name are reserved.");
                }
                else
                {
                    var missing = (numberReserved, nameReserved) switch
                    {
                        (false, false) => $"'reserved {old.Number};' and 'reserved \"{old.Name}\";'",
                        (false, true) => $"'reserved {old.Number};'",
                        _ => $"'reserved \"{old.Name}\";'",
                    };
                    breaking.Add($"{where} was removed without reserving it, so the number or name could be reused with another meaning. Restore the field, or add {missing} to the message.");
                }

                continue;
            }

            if (!string.Equals(old.Name, now.Name, StringComparison.Ordinal))
            {
                breaking.Add($"{where} was renamed to '{now.Name}'; the name is the JSON key of the REST API. Keep '{old.Name}' (add a new field with a new number if the meaning changed).");
            }

            if (!string.Equals(old.Type, now.Type, StringComparison.Ordinal) || !string.Equals(old.TypeName, now.TypeName, StringComparison.Ordinal))
            {
                breaking.Add($"{where} changed type from {Describe(old)} to {Describe(now)}; existing data and clients read it as {Describe(old)}. Keep the type (add a new field with a new number instead).");
            }

            if (!string.Equals(old.Cardinality, now.Cardinality, StringComparison.Ordinal))
            {
                breaking.Add($"{where} changed from {old.Cardinality} to {now.Cardinality}; clients rely on its cardinality and presence. Keep it {old.Cardinality}.");
            }

            if (!string.Equals(old.Oneof, now.Oneof, StringComparison.Ordinal))
            {
                breaking.Add($"{where} moved from {DescribeOneof(old.Oneof)} to {DescribeOneof(now.Oneof)}; setting it now clears or is cleared by other fields. Keep it {DescribeOneof(old.Oneof)}.");
            }
        }

        compatible.AddRange(after.Fields
            .Where(field => !beforeNumbers.Contains(field.Number))
            .Select(field => $"message {after.Name} field {field.Number} '{field.Name}' was added."));
    }

    private static void CompareEnums(ContractSnapshot committed, ContractSnapshot current, List<string> breaking, List<string> compatible)
    {
        var currentEnums = current.AllEnums.ToDictionary(enumType => enumType.Name, StringComparer.Ordinal);
        var committedNames = committed.AllEnums.Select(enumType => enumType.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var before in committed.AllEnums)
        {
            if (!currentEnums.TryGetValue(before.Name, out var after))
            {
                breaking.Add($"enum {before.Name} was removed or renamed; fields of clients still use it. Restore it.");
                continue;
            }

            foreach (var old in before.Values)
            {
                var where = $"enum {before.Name} value {old.Number} '{old.Name}'";
                var sameNumber = after.Values.Where(value => value.Number == old.Number).ToList();
                if (sameNumber.Count == 0)
                {
                    var numberReserved = after.ReservedNumbers.Any(range => range.Contains(old.Number));
                    var nameReserved = after.ReservedNames.Contains(old.Name, StringComparer.Ordinal);
                    if (numberReserved && nameReserved)
                    {
                        compatible.Add($"{where} was removed; its number and name are reserved.");
                    }
                    else
                    {
                        breaking.Add($"{where} was removed without reserving it. Restore the value, or add 'reserved {old.Number};' and 'reserved \"{old.Name}\";' to the enum.");
                    }
                }
                else if (!sameNumber.Any(value => string.Equals(value.Name, old.Name, StringComparison.Ordinal)))
                {
                    breaking.Add($"{where} was renamed to '{string.Join("', '", sameNumber.Select(value => value.Name))}'; the name is what the REST API sends as JSON. Keep '{old.Name}'.");
                }
            }

            CompareReserved($"enum {before.Name}", before.ReservedNumbers, before.ReservedNames, after.ReservedNumbers, after.ReservedNames, breaking, compatible);

            compatible.AddRange(after.Values
                .Where(value => !before.Values.Any(old => old.Number == value.Number && string.Equals(old.Name, value.Name, StringComparison.Ordinal)))
                .Select(value => $"enum {after.Name} value {value.Number} '{value.Name}' was added."));
        }

        compatible.AddRange(current.AllEnums
            .Where(enumType => !committedNames.Contains(enumType.Name))
            .Select(enumType => $"enum {enumType.Name} was added."));
    }

    private static void CompareServices(ContractSnapshot committed, ContractSnapshot current, List<string> breaking, List<string> compatible)
    {
        var currentServices = current.AllServices.ToDictionary(service => service.Name, StringComparer.Ordinal);
        var committedNames = committed.AllServices.Select(service => service.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var before in committed.AllServices)
        {
            if (!currentServices.TryGetValue(before.Name, out var after))
            {
                breaking.Add($"service {before.Name} was removed or renamed; clients still call it. Restore it.");
                continue;
            }

            var afterMethods = after.Methods.ToDictionary(method => method.Name, StringComparer.Ordinal);
            foreach (var old in before.Methods)
            {
                var where = $"rpc {before.Name}.{old.Name}";
                if (!afterMethods.TryGetValue(old.Name, out var now))
                {
                    breaking.Add($"{where} was removed or renamed; clients still call it. Restore it.");
                    continue;
                }

                if (!string.Equals(old.InputType, now.InputType, StringComparison.Ordinal))
                {
                    breaking.Add($"{where} now takes {now.InputType} instead of {old.InputType}. Keep the request type (add a new rpc instead).");
                }

                if (!string.Equals(old.OutputType, now.OutputType, StringComparison.Ordinal))
                {
                    breaking.Add($"{where} now returns {now.OutputType} instead of {old.OutputType}. Keep the response type (add a new rpc instead).");
                }

                if (old.ClientStreaming != now.ClientStreaming || old.ServerStreaming != now.ServerStreaming)
                {
                    breaking.Add($"{where} changed from {DescribeStreaming(old)} to {DescribeStreaming(now)}. Keep it {DescribeStreaming(old)} (add a new rpc instead).");
                }
            }

            compatible.AddRange(after.Methods
                .Where(method => before.Methods.All(old => !string.Equals(old.Name, method.Name, StringComparison.Ordinal)))
                .Select(method => $"rpc {after.Name}.{method.Name} was added."));
        }

        compatible.AddRange(current.AllServices
            .Where(service => !committedNames.Contains(service.Name))
            .Select(service => $"service {service.Name} was added."));
    }

    /// <summary>Reservations protect numbers and names for good: dropping one would let them be reused.</summary>
    private static void CompareReserved(
        string where,
        IReadOnlyList<ReservedRange> numbersBefore,
        IReadOnlyList<string> namesBefore,
        IReadOnlyList<ReservedRange> numbersAfter,
        IReadOnlyList<string> namesAfter,
        List<string> breaking,
        List<string> compatible)
    {
        foreach (var range in numbersBefore.Where(range => !ReservedRange.Covers(numbersAfter, range)))
        {
            breaking.Add($"{where} no longer reserves {range}; old data may still use those numbers. Keep 'reserved {range};'.");
        }

        foreach (var name in namesBefore.Where(name => !namesAfter.Contains(name, StringComparer.Ordinal)))
        {
            breaking.Add($"{where} no longer reserves the name '{name}'; old clients may still send it. Keep 'reserved \"{name}\";'.");
        }

        foreach (var range in numbersAfter.Where(range => !ReservedRange.Covers(numbersBefore, range)))
        {
            compatible.Add($"{where} now reserves {range}.");
        }

        foreach (var name in namesAfter.Where(name => !namesBefore.Contains(name, StringComparer.Ordinal)))
        {
            compatible.Add($"{where} now reserves the name '{name}'.");
        }
    }

    private static string Describe(FieldSnapshot field) => field.TypeName is null ? field.Type : $"{field.Type} {field.TypeName}";

    private static string DescribeOneof(string? oneof) => oneof is null ? "outside any oneof" : $"oneof '{oneof}'";

    private static string DescribeStreaming(MethodSnapshot method) => (method.ClientStreaming, method.ServerStreaming) switch
    {
        (false, false) => "unary",
        (true, false) => "client streaming",
        (false, true) => "server streaming",
        _ => "bidirectional streaming",
    };
}
