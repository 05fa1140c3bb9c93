using Hearth.Cli;

return HearthCli.Run(args, Console.Out, Console.Error);
