using System.Reflection;
using System.Reflection.Emit;

namespace Langaj.Testing;

/// <summary>
/// One instruction of a compiled method body, for tests that check what built code does rather than how its
/// source reads. <see cref="Operand"/> is the operand when it is one whole number: a metadata token, an argument
/// or local's index, a branch offset or an integer constant; 0 for none, a float or a switch table.
/// </summary>
public readonly record struct IlInstruction(int Offset, OpCode OpCode, long Operand)
{
    private static readonly OpCode[] OneByteOpCodes = OpCodeTable(twoByte: false);
    private static readonly OpCode[] TwoByteOpCodes = OpCodeTable(twoByte: true);

    /// <summary>The token of the method, field or type the instruction names (a call, a field access, a cast, ldtoken); null for others.</summary>
    public int? MemberToken => OpCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok
        ? (int)Operand
        : null;

    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt;

    /// <summary>The index of the argument the instruction loads (ldarg, ldarg.s, ldarg.0 to ldarg.3; 0 is <c>this</c> in an instance method); null for others.</summary>
    public int? LoadedArgument =>
        OpCode == OpCodes.Ldarg_0 ? 0
        : OpCode == OpCodes.Ldarg_1 ? 1
        : OpCode == OpCodes.Ldarg_2 ? 2
        : OpCode == OpCodes.Ldarg_3 ? 3
        : OpCode == OpCodes.Ldarg_S || OpCode == OpCodes.Ldarg ? (int)Operand
        : null;

    /// <summary>The method's body, instruction by instruction; none for a method without one (abstract, extern).</summary>
    /// <remarks>Works on a MetadataLoadContext's methods too: it reads the IL bytes and resolves nothing.</remarks>
    public static IEnumerable<IlInstruction> Read(MethodBase method)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }
        for (var at = 0; at < il.Length;)
        {
            var offset = at;
            var opCode = il[at] == 0xFE ? TwoByteOpCodes[il[at + 1]] : OneByteOpCodes[il[at]];
            at += opCode.Size;
            var (operand, size) = opCode.OperandType switch
            {
                OperandType.InlineNone => (0L, 0),
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI => ((sbyte)il[at], 1),
                OperandType.ShortInlineVar => (il[at], 1),
                OperandType.InlineVar => (BitConverter.ToUInt16(il, at), 2),
                OperandType.InlineI8 => (BitConverter.ToInt64(il, at), 8),
                OperandType.InlineR => (0L, 8),
                OperandType.ShortInlineR => (0L, 4),
                OperandType.InlineSwitch => (0L, 4 + (4 * BitConverter.ToInt32(il, at))),
                _ => (BitConverter.ToInt32(il, at), 4),
            };
            at += size;
            yield return new IlInstruction(offset, opCode, operand);
        }
    }

    private static OpCode[] OpCodeTable(bool twoByte)
    {
        var table = new OpCode[256];
        foreach (var opCode in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).Where(o => (o.Size == 2) == twoByte))
        {
            table[(ushort)opCode.Value & 0xFF] = opCode;
        }
        return table;
    }
}
