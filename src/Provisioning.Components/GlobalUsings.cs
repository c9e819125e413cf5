// Namespaces nearly every file of this project uses: one list here instead of the same using block in each file.
global using MassTransit;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Provisioning.Cloudflare;
global using Provisioning.Components.Operations;
global using Provisioning.Components.Persistence;
global using Provisioning.Contracts;
