using System.Runtime.CompilerServices;

// The tests record which keys the loader reads (KeyUsage) to hold the schema and the model together.
[assembly: InternalsVisibleTo("Horadus.Core.Tests")]
