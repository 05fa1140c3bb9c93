using System.Net;

namespace Hearth.Core.Security;

/// <summary>A client's address as per-address rules key it: an IPv4 address the same whether it arrived as IPv4 or IPv4-mapped IPv6.</summary>
public static class ClientAddress
{
    public static string KeyOf(IPAddress? address) =>
        (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString() ?? "unknown";
}
