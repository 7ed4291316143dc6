using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Platform.V1;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cx.Host.Platform;

/// <summary>cx.platform.v1.PlatformService: the deployment describes itself.</summary>
internal sealed partial class PlatformApi(PlatformDirectory directory, ITenantContext tenant) : PlatformService.PlatformServiceBase
{
    public override Task<PlatformInfo> GetInfo(GetInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new PlatformInfo
        {
            Version = directory.Version,
            Backend = directory.Backend,
            StartedAt = Timestamp.FromDateTimeOffset(directory.StartedAt),
            Tenant = tenant.TenantId,
            Services = { directory.Services.Select(ToContract) },
        });

    public override Task<ListServicesResponse> ListServices(ListServicesRequest request, ServerCallContext context)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var (items, next) = page.Apply(directory.Services, s => s.Name);
        return Task.FromResult(new ListServicesResponse
        {
            Services = { items.Select(ToContract) },
            NextPageToken = next,
        });
    }

    public override Task<ServiceEndpoint> GetService(GetServiceRequest request, ServerCallContext context)
    {
        new Validator()
            .Require(request.Name.Length > 0, "name", "Required: the service's short name, e.g. \"platform\".")
            .Require(request.Name.Length == 0 || ServiceName().IsMatch(request.Name), "name", "A service name is lower-case letters, digits and '-', starting with a letter, at most 63 characters.")
            .ThrowIfInvalid();

        var service = directory.Services.FirstOrDefault(s => s.Name == request.Name)
            ?? throw new NotFoundException("service", request.Name);
        return Task.FromResult(ToContract(service));
    }

    private static ServiceEndpoint ToContract(RunningService service) => new()
    {
        Name = service.Name,
        GrpcAddress = service.GrpcAddress,
        HttpUrl = service.HttpUrl.ToString().TrimEnd('/'),
        GrpcServices = { service.GrpcServices },
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceName();
}
