using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Horadus.Benchmarks.Stamps).Assembly).Run(args);
