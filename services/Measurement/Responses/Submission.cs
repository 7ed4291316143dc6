using System.Diagnostics;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Responses;

/// <summary>One caller's responses, recorded together or not at all.</summary>
/// <param name="Paths">The field path of each response, so errors name it (e.g. "responses[3]").</param>
/// <param name="Caller">The caller's span: the events the responses raise belong to its trace.</param>
internal sealed record Submission(IReadOnlyList<V1.Response> Responses, IReadOnlyList<string> Paths, Activity? Caller);

/// <summary>What became of a submission: recorded (new responses, duplicates), or refused with <see cref="Error"/>.</summary>
internal sealed record SubmissionOutcome(IReadOnlyList<Guid> Recorded, int Duplicates, Exception? Error);
