using Horadus.Cli;
using Horadus.Cli.Composition;

return await HoradusCli.RunProcessAsync(args, CliContext.ForProcess());
