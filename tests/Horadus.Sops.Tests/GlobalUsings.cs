global using Horadus.Tests.Shared;
global using Xunit;
