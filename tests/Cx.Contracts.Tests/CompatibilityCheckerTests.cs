namespace Cx.Contracts.Tests;

/// <summary>
/// The comparison on small, made-up snapshots: each breaking change is caught, each compatible one is not.
/// These prove that the snapshot test can fail.
/// </summary>
public sealed class CompatibilityCheckerTests
{
    private const string Order = "cx.test.v1.Order";

    [Fact]
    public void Compare_SameContract_FindsNoChanges()
    {
        var report = CompatibilityChecker.Compare(Baseline(), Baseline());

        Assert.Empty(report.BreakingChanges);
        Assert.Empty(report.CompatibleChanges);
    }

    [Fact]
    public void Compare_FieldRemovedWithoutReservation_IsBreaking()
    {
        var current = WithOrder(Field(1, "id"), Field(2, "note"));

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains($"message {Order} field 3 'items'", problem, StringComparison.Ordinal);
        Assert.Contains("'reserved 3;'", problem, StringComparison.Ordinal);
        Assert.Contains("'reserved \"items\";'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldRemovedWithReservedNumberAndName_IsCompatible()
    {
        var current = WithOrder([Field(1, "id"), Field(2, "note")], reservedNumbers: [new ReservedRange(3, 3)], reservedNames: ["items"]);

        var report = CompatibilityChecker.Compare(Baseline(), current);

        Assert.Empty(report.BreakingChanges);
        Assert.Contains(report.CompatibleChanges, change => change.Contains("field 3 'items' was removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_FieldRemovedInsideReservedRange_IsCompatible()
    {
        var current = WithOrder([Field(1, "id"), Field(2, "note")], reservedNumbers: [new ReservedRange(3, 10)], reservedNames: ["items"]);

        Assert.False(CompatibilityChecker.Compare(Baseline(), current).IsBreaking);
    }

    [Fact]
    public void Compare_FieldRemovedWithReservedNumberOnly_IsBreakingAndAsksForTheName()
    {
        var current = WithOrder([Field(1, "id"), Field(2, "note")], reservedNumbers: [new ReservedRange(3, 3)]);

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("'reserved \"items\";'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("'reserved 3;'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldTypeChanged_IsBreaking()
    {
        var current = WithOrder(Field(1, "id", type: "int64"), Field(2, "note"), Items());

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("field 1 'id' changed type from string to int64", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldMessageTypeChanged_IsBreaking()
    {
        var current = WithOrder(Field(1, "id"), Field(2, "note"), Items(typeName: "cx.test.v1.OtherLine"));

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("from message cx.test.v1.Line to message cx.test.v1.OtherLine", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldRenamed_IsBreaking()
    {
        var current = WithOrder(Field(1, "id"), Field(2, "comment"), Items());

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("field 2 'note' was renamed to 'comment'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FieldSnapshot.Singular, FieldSnapshot.Repeated)]
    [InlineData(FieldSnapshot.Singular, FieldSnapshot.Optional)]
    [InlineData(FieldSnapshot.Optional, FieldSnapshot.Singular)]
    [InlineData(FieldSnapshot.Repeated, FieldSnapshot.Singular)]
    public void Compare_FieldCardinalityChanged_IsBreaking(string before, string after)
    {
        var committed = WithOrder(Field(1, "id"), Field(2, "note", cardinality: before));
        var current = WithOrder(Field(1, "id"), Field(2, "note", cardinality: after));

        var problem = Assert.Single(CompatibilityChecker.Compare(committed, current).BreakingChanges);

        Assert.Contains($"field 2 'note' changed from {before} to {after}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldMovedIntoOneof_IsBreaking()
    {
        var current = WithOrder(Field(1, "id"), Field(2, "note") with { Oneof = "detail" }, Items());

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("moved from outside any oneof to oneof 'detail'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FieldAdded_IsCompatible()
    {
        var current = WithOrder(Field(1, "id"), Field(2, "note"), Items(), Field(4, "placed_at", type: "message", typeName: "google.protobuf.Timestamp"));

        var report = CompatibilityChecker.Compare(Baseline(), current);

        Assert.Empty(report.BreakingChanges);
        Assert.Equal($"message {Order} field 4 'placed_at' was added.", Assert.Single(report.CompatibleChanges));
    }

    [Fact]
    public void Compare_MessageEnumServiceAndMethodAdded_AreCompatible()
    {
        var current = Baseline() with
        {
            Files =
            [
                .. Baseline().Files,
                new FileSnapshot
                {
                    Name = "cx/test/v1/more.proto",
                    Package = "cx.test.v1",
                    Messages = [new MessageSnapshot { Name = "cx.test.v1.Refund", Fields = [Field(1, "id")] }],
                    Enums = [new EnumSnapshot { Name = "cx.test.v1.Channel", Values = [Value(0, "CHANNEL_UNSPECIFIED")] }],
                    Services = [Service("cx.test.v1.RefundService", Method("CreateRefund", "cx.test.v1.Refund", "cx.test.v1.Refund"))],
                },
            ],
        };

        var report = CompatibilityChecker.Compare(Baseline(), current);

        Assert.Empty(report.BreakingChanges);
        Assert.Equal(3, report.CompatibleChanges.Count);
    }

    [Fact]
    public void Compare_MessageRemoved_IsBreaking()
    {
        var current = Baseline() with { Files = [Baseline().Files[0] with { Messages = [.. Baseline().Files[0].Messages.Where(message => message.Name != "cx.test.v1.Line")] }] };

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("message cx.test.v1.Line was removed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MessageMovedToAnotherFileOfThePackage_IsNoChange()
    {
        var file = Baseline().Files[0];
        var line = file.Messages.Single(message => message.Name == "cx.test.v1.Line");
        var current = Baseline() with
        {
            Files =
            [
                file with { Messages = [.. file.Messages.Where(message => message != line)] },
                new FileSnapshot { Name = "cx/test/v1/line.proto", Package = "cx.test.v1", Messages = [line] },
            ],
        };

        var report = CompatibilityChecker.Compare(Baseline(), current);

        Assert.Empty(report.BreakingChanges);
        Assert.Empty(report.CompatibleChanges);
    }

    [Fact]
    public void Compare_ServiceRemoved_IsBreaking()
    {
        var current = Baseline() with { Files = [Baseline().Files[0] with { Services = [] }] };

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("service cx.test.v1.OrderService was removed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MethodRemoved_IsBreaking()
    {
        var current = WithService(Method("GetOrder", "cx.test.v1.GetOrderRequest", Order));

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("rpc cx.test.v1.OrderService.WatchOrders was removed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MethodInputAndOutputChanged_AreBreaking()
    {
        var current = WithService(
            Method("GetOrder", "cx.test.v1.FindOrderRequest", "cx.test.v1.OrderView"),
            Method("WatchOrders", "cx.test.v1.GetOrderRequest", Order, serverStreaming: true));

        var problems = CompatibilityChecker.Compare(Baseline(), current).BreakingChanges;

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("GetOrder now takes cx.test.v1.FindOrderRequest", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("GetOrder now returns cx.test.v1.OrderView", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_MethodStreamingChanged_IsBreaking()
    {
        var current = WithService(
            Method("GetOrder", "cx.test.v1.GetOrderRequest", Order),
            Method("WatchOrders", "cx.test.v1.GetOrderRequest", Order));

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("WatchOrders changed from server streaming to unary", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EnumValueRemovedWithoutReservation_IsBreaking()
    {
        var current = WithStatus([Value(0, "STATUS_UNSPECIFIED"), Value(1, "STATUS_OPEN")]);

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("enum cx.test.v1.Status value 2 'STATUS_CLOSED' was removed without reserving it", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EnumValueRemovedWithReservation_IsCompatible()
    {
        var current = WithStatus([Value(0, "STATUS_UNSPECIFIED"), Value(1, "STATUS_OPEN")], reservedNumbers: [new ReservedRange(2, 2)], reservedNames: ["STATUS_CLOSED"]);

        Assert.False(CompatibilityChecker.Compare(Baseline(), current).IsBreaking);
    }

    [Fact]
    public void Compare_EnumValueRenamed_IsBreaking()
    {
        var current = WithStatus([Value(0, "STATUS_UNSPECIFIED"), Value(1, "STATUS_OPEN"), Value(2, "STATUS_DONE")]);

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("value 2 'STATUS_CLOSED' was renamed to 'STATUS_DONE'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EnumValueAdded_IsCompatible()
    {
        var current = WithStatus([Value(0, "STATUS_UNSPECIFIED"), Value(1, "STATUS_OPEN"), Value(2, "STATUS_CLOSED"), Value(3, "STATUS_VOID")]);

        var report = CompatibilityChecker.Compare(Baseline(), current);

        Assert.Empty(report.BreakingChanges);
        Assert.Equal("enum cx.test.v1.Status value 3 'STATUS_VOID' was added.", Assert.Single(report.CompatibleChanges));
    }

    [Fact]
    public void Compare_EnumRemoved_IsBreaking()
    {
        var current = Baseline() with { Files = [Baseline().Files[0] with { Enums = [] }] };

        var problem = Assert.Single(CompatibilityChecker.Compare(Baseline(), current).BreakingChanges);

        Assert.Contains("enum cx.test.v1.Status was removed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ReservationDropped_IsBreaking()
    {
        var committed = WithOrder([Field(1, "id")], reservedNumbers: [new ReservedRange(2, 3)], reservedNames: ["note", "items"]);
        var current = WithOrder([Field(1, "id"), Field(3, "items")], reservedNumbers: [new ReservedRange(2, 2)], reservedNames: ["note"]);

        var problems = CompatibilityChecker.Compare(committed, current).BreakingChanges;

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("no longer reserves 2 to 3", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("no longer reserves the name 'items'", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ReservedRangeSplitButStillCovered_IsNotBreaking()
    {
        var committed = WithOrder([Field(1, "id")], reservedNumbers: [new ReservedRange(2, 9)]);
        var current = WithOrder([Field(1, "id")], reservedNumbers: [new ReservedRange(2, 4), new ReservedRange(5, 20)]);

        Assert.False(CompatibilityChecker.Compare(committed, current).IsBreaking);
    }

    /// <summary>
    /// One file: message Order {id = 1; note = 2; repeated Line items = 3}, message Line, enum Status
    /// {UNSPECIFIED, OPEN, CLOSED} and service OrderService {GetOrder; server-streaming WatchOrders}.
    /// </summary>
    private static ContractSnapshot Baseline() => new()
    {
        Files =
        [
            new FileSnapshot
            {
                Name = "cx/test/v1/test.proto",
                Package = "cx.test.v1",
                Messages =
                [
                    new MessageSnapshot { Name = "cx.test.v1.GetOrderRequest", Fields = [Field(1, "id")] },
                    new MessageSnapshot { Name = "cx.test.v1.Line", Fields = [Field(1, "sku"), Field(2, "quantity", type: "int32")] },
                    new MessageSnapshot { Name = Order, Fields = [Field(1, "id"), Field(2, "note"), Items()] },
                ],
                Enums = [new EnumSnapshot { Name = "cx.test.v1.Status", Values = [Value(0, "STATUS_UNSPECIFIED"), Value(1, "STATUS_OPEN"), Value(2, "STATUS_CLOSED")] }],
                Services =
                [
                    Service("cx.test.v1.OrderService",
                        Method("GetOrder", "cx.test.v1.GetOrderRequest", Order),
                        Method("WatchOrders", "cx.test.v1.GetOrderRequest", Order, serverStreaming: true)),
                ],
            },
        ],
    };

    private static ContractSnapshot WithOrder(params FieldSnapshot[] fields) => WithOrder(fields, [], []);

    private static ContractSnapshot WithOrder(FieldSnapshot[] fields, ReservedRange[]? reservedNumbers = null, string[]? reservedNames = null) =>
        Replace(file => file with
        {
            Messages =
            [
                .. file.Messages.Where(message => message.Name != Order),
                new MessageSnapshot { Name = Order, Fields = fields, ReservedNumbers = reservedNumbers ?? [], ReservedNames = reservedNames ?? [] },
            ],
        });

    private static ContractSnapshot WithStatus(EnumValueSnapshot[] values, ReservedRange[]? reservedNumbers = null, string[]? reservedNames = null) =>
        Replace(file => file with
        {
            Enums = [new EnumSnapshot { Name = "cx.test.v1.Status", Values = values, ReservedNumbers = reservedNumbers ?? [], ReservedNames = reservedNames ?? [] }],
        });

    private static ContractSnapshot WithService(params MethodSnapshot[] methods) =>
        Replace(file => file with { Services = [Service("cx.test.v1.OrderService", methods)] });

    private static ContractSnapshot Replace(Func<FileSnapshot, FileSnapshot> change) =>
        Baseline() with { Files = [change(Baseline().Files[0])] };

    private static FieldSnapshot Field(int number, string name, string type = "string", string? typeName = null, string cardinality = FieldSnapshot.Singular) =>
        new() { Number = number, Name = name, Type = type, TypeName = typeName, Cardinality = cardinality };

    private static FieldSnapshot Items(string typeName = "cx.test.v1.Line") =>
        Field(3, "items", type: "message", typeName: typeName, cardinality: FieldSnapshot.Repeated);

    private static EnumValueSnapshot Value(int number, string name) => new() { Number = number, Name = name };

    private static ServiceSnapshot Service(string name, params MethodSnapshot[] methods) => new() { Name = name, Methods = methods };

    private static MethodSnapshot Method(string name, string input, string output, bool serverStreaming = false) =>
        new() { Name = name, InputType = input, OutputType = output, ServerStreaming = serverStreaming, ClientStreaming = false };
}
