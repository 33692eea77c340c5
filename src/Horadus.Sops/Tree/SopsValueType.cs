namespace Horadus.Sops;

/// <summary>The value types of a SOPS tree (the <c>type:</c> field of an ENC value, plus null).</summary>
public enum SopsValueType
{
    /// <summary>A YAML/JSON null: never encrypted, never in the MAC.</summary>
    Null,

    /// <summary>A string (<c>type:str</c>).</summary>
    Str,

    /// <summary>A 64-bit integer (<c>type:int</c>).</summary>
    Int,

    /// <summary>A 64-bit float (<c>type:float</c>), written with Go's shortest <c>'f'</c> format.</summary>
    Float,

    /// <summary>A boolean (<c>type:bool</c>), written <c>True</c>/<c>False</c> in ENC values and the MAC.</summary>
    Bool,

    /// <summary>A timestamp (<c>type:time</c>), RFC 3339.</summary>
    Time,

    /// <summary>Raw bytes (<c>type:bytes</c>).</summary>
    Bytes,
}

/// <summary>The type names sops writes in <c>ENC[...,type:NAME]</c>.</summary>
internal static class SopsValueTypeNames
{
    /// <summary>The name of an encryptable type; null values are never encrypted and have none.</summary>
    public static string? Name(SopsValueType type) => type switch
    {
        SopsValueType.Str => "str",
        SopsValueType.Int => "int",
        SopsValueType.Float => "float",
        SopsValueType.Bool => "bool",
        SopsValueType.Time => "time",
        SopsValueType.Bytes => "bytes",
        _ => null,
    };
}
