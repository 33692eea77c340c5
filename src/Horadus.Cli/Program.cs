using Horadus.Cli;
using Horadus.Cli.Composition;

return await HoradusCli.RunAsync(args, CliContext.ForProcess());
