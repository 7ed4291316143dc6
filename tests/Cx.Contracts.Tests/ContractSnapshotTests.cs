using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>How file descriptors become a snapshot, and that its JSON is stable.</summary>
public sealed class ContractSnapshotTests
{
    [Fact]
    public void FromFiles_NestedMessagesAndEnums_UseFullNames()
    {
        var file = Assert.Single(ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]).Files);

        Assert.Equal(["cx.test.v1.GetOrderRequest", "cx.test.v1.Order", "cx.test.v1.Order.Line"], file.Messages.Select(message => message.Name));
        Assert.Equal(["cx.test.v1.Order.Kind", "cx.test.v1.OrderState"], file.Enums.Select(enumType => enumType.Name));
        Assert.Equal("cx.test.v1.OrderService", Assert.Single(file.Services).Name);
    }

    [Fact]
    public void FromFiles_Fields_KeepTypeCardinalityAndOneof()
    {
        var order = Order(ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]));
        var fields = order.Fields.ToDictionary(field => field.Name);

        Assert.Equal(new FieldSnapshot { Number = 2, Name = "total_cents", Type = "int64", Cardinality = FieldSnapshot.Singular }, fields["total_cents"]);
        Assert.Equal(new FieldSnapshot { Number = 3, Name = "lines", Type = "message", TypeName = "cx.test.v1.Order.Line", Cardinality = FieldSnapshot.Repeated }, fields["lines"]);
        Assert.Equal(new FieldSnapshot { Number = 4, Name = "state", Type = "enum", TypeName = "cx.test.v1.OrderState", Cardinality = FieldSnapshot.Singular }, fields["state"]);
        Assert.Equal("extra", fields["note"].Oneof);
        Assert.Equal("extra", fields["gift_message"].Oneof);
        Assert.Equal(FieldSnapshot.Optional, fields["coupon"].Cardinality);
        Assert.Null(fields["coupon"].Oneof);
    }

    [Fact]
    public void FromFiles_MessageReservedRanges_BecomeInclusiveAndSorted()
    {
        var order = Order(ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]));

        Assert.Equal([new ReservedRange(8, 8), new ReservedRange(12, 14)], order.ReservedNumbers);
        Assert.Equal(["legacy", "status"], order.ReservedNames);
    }

    [Fact]
    public void FromFiles_EnumReservedRanges_StayInclusive()
    {
        var file = ProtoFiles.ValidOrders();
        file.EnumType[0].ReservedRange.Add(new EnumDescriptorProto.Types.EnumReservedRange { Start = 5, End = 7 });

        var state = ContractSnapshot.FromFiles([file]).AllEnums.Single(enumType => enumType.Name == "cx.test.v1.OrderState");

        Assert.Equal(new ReservedRange(5, 7), Assert.Single(state.ReservedNumbers));
    }

    [Fact]
    public void ToJson_DeclarationOrder_DoesNotMatter()
    {
        var shuffled = ProtoFiles.ValidOrders();
        var order = shuffled.MessageType[0];
        var fields = order.Field.Reverse().ToList();
        order.Field.Clear();
        order.Field.Add(fields);
        var messages = shuffled.MessageType.Reverse().ToList();
        shuffled.MessageType.Clear();
        shuffled.MessageType.Add(messages);
        var other = ProtoFiles.ValidOrders();
        other.Name = "cx/test/v1/other.proto";

        Assert.Equal(
            ContractSnapshot.FromFiles([ProtoFiles.ValidOrders(), other]).ToJson(),
            ContractSnapshot.FromFiles([other, shuffled]).ToJson());
    }

    [Fact]
    public void FromJson_OfToJson_GivesTheSameSnapshot()
    {
        var json = ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]).ToJson();

        var read = ContractSnapshot.FromJson(json);

        Assert.Equal(json, read.ToJson());
        Assert.Empty(CompatibilityChecker.Compare(read, ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()])).CompatibleChanges);
    }

    [Fact]
    public void ToJson_EmptyLists_AreLeftOutAndReadBackEmpty()
    {
        var json = ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]).ToJson();

        Assert.DoesNotContain("[]", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Empty(ContractSnapshot.FromJson(json).AllMessages.Single(message => message.Name == "cx.test.v1.Order.Line").ReservedNames);
    }

    [Fact]
    public void FromFiles_ProtoFieldRemovedWithoutReserving_IsCaughtAsBreaking()
    {
        var before = ContractSnapshot.FromFiles([ProtoFiles.ValidOrders()]);
        var edited = ProtoFiles.ValidOrders();
        edited.MessageType[0].Field.RemoveAt(1);

        var problem = Assert.Single(CompatibilityChecker.Compare(before, ContractSnapshot.FromFiles([edited])).BreakingChanges);

        Assert.Contains("message cx.test.v1.Order field 2 'total_cents' was removed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindRepositoryRoot_FromTheTestOutput_FindsTheSolution()
    {
        var root = ContractSnapshotFile.FindRepositoryRoot(AppContext.BaseDirectory);

        Assert.True(File.Exists(Path.Combine(root, ContractSnapshotFile.SolutionFile)));
        Assert.True(Directory.Exists(Path.Combine(root, "proto", "cx")), $"Expected proto/cx under {root}.");
    }

    private static MessageSnapshot Order(ContractSnapshot snapshot) =>
        snapshot.AllMessages.Single(message => message.Name == "cx.test.v1.Order");
}
