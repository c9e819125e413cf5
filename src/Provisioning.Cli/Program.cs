using Provisioning.Cli;

return await WfpCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
