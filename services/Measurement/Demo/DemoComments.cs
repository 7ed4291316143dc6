using System.Globalization;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Demo;

/// <summary>
/// What the demo's customers write: about one response in four has a comment, in English or in
/// Chinese, about what its step was like (the delivery, the wait, the agent who helped, by name)
/// and in the mood of its scores. Drawn from its own seeded source, so the scores stay as they were.
/// </summary>
internal sealed class DemoComments
{
    private const double CommentedShare = 0.25;
    private const double ChineseShare = 0.4;

    /// <summary>The support agents' names, agent-1 to agent-12, as customers write them in each language.</summary>
    private static readonly (string English, string Chinese)[] Agents =
    [
        ("Li Wei", "小李"), ("Anna", "安娜"), ("Tom", "汤姆"), ("Wang Fang", "小王"),
        ("Sarah", "莎拉"), ("Zhang Min", "张敏"), ("David", "大卫"), ("Chen Jing", "陈静"),
        ("Maria", "玛丽亚"), ("Liu Yang", "刘洋"), ("James", "詹姆斯"), ("Zhou Lei", "周磊"),
    ];

    private static readonly (string English, string Chinese)[] LateDelivery =
    [
        ("The parcel arrived three days late and nobody told me why.", "包裹晚到了三天，也没有人告诉我原因。"),
        ("I stayed home all day and the courier never came.", "在家等了一整天，快递员一直没来。"),
        ("Tracking said delivered, but the parcel was with a neighbour.", "物流显示已签收，其实包裹在邻居家。"),
        ("Far too slow for an express delivery.", "说是加急配送，结果还是太慢了。"),
    ];

    private static readonly (string English, string Chinese)[] GoodDelivery =
    [
        ("Arrived a day early and well packed.", "提前一天就到了，包装也很好。"),
        ("The courier called ahead, very convenient.", "快递员提前打了电话，很方便。"),
        ("Fast delivery, exactly on the promised day.", "送货很快，按约定的时间送到。"),
    ];

    private static readonly (string English, string Chinese)[] GoodSupport =
    [
        ("{0} was very patient and solved it in one call.", "{0}很耐心，一次就帮我解决了。"),
        ("{0} explained everything clearly, thank you.", "{0}解释得很清楚，谢谢！"),
        ("{0} found my parcel and called me back as promised.", "{0}帮我查到了包裹，还按时回了电话。"),
    ];

    private static readonly (string English, string Chinese)[] PoorSupport =
    [
        ("I was on hold for forty minutes before anyone answered.", "电话等了四十分钟才有人接。"),
        ("{0} was polite but could not fix the problem.", "{0}态度很好，但问题没有解决。"),
        ("I had to explain my problem three times to three people.", "同一个问题跟三个人解释了三遍。"),
    ];

    private static readonly (string English, string Chinese)[] GoodOverall =
    [
        ("Easy from start to finish, I will order again.", "整个过程很顺利，下次还会再买。"),
        ("The app is simple and quick to use.", "应用简单好用，速度也快。"),
    ];

    private static readonly (string English, string Chinese)[] PoorOverall =
    [
        ("The app kept logging me out at checkout.", "结账的时候应用一直退出登录。"),
        ("The refund took two weeks to arrive.", "退款等了两个星期才到账。"),
        ("Too many steps just to sign up.", "注册的步骤太多了。"),
    ];

    private readonly Random _random = new(20261207);

    /// <summary>The comment <paramref name="response"/>'s customer writes, if any: its step, agent and scores choose what about.</summary>
    /// <param name="nps">The response's NPS answer; 0–6 reads as unhappy, 9–10 as pleased.</param>
    /// <param name="speed">The delivery speed the customer rated, 1 to 5.</param>
    public CommonV1.Comment? For(CommonV1.ResponseContext context, int nps, int speed)
    {
        if (_random.NextDouble() >= CommentedShare)
        {
            return null;
        }

        var chinese = _random.NextDouble() < ChineseShare;
        var (metricId, phrases) = context.JourneyStepId switch
        {
            "delivery" => ("delivery-speed", speed <= 2 ? LateDelivery : GoodDelivery),
            "support" => ("csat-support", nps <= 6 ? PoorSupport : GoodSupport),
            _ => (string.Empty, nps <= 6 ? PoorOverall : GoodOverall),
        };
        var (english, inChinese) = phrases[_random.Next(phrases.Length)];
        var agent = context.EmployeeId.StartsWith("agent-", StringComparison.Ordinal) ? Agents[int.Parse(context.EmployeeId["agent-".Length..], CultureInfo.InvariantCulture) - 1] : default;
        return new CommonV1.Comment
        {
            MetricId = metricId,
            Text = string.Format(CultureInfo.InvariantCulture, chinese ? inChinese : english, chinese ? agent.Chinese : agent.English),
            Language = chinese ? "zh-CN" : "en",
        };
    }
}
