using System.Buffers;
using System.Text.Json;

namespace Langaj.Core;

/// <summary>
/// An article's JSON as it is stored, hashed and printed: one flat object, where the fields of the article's parts
/// (<see cref="ArticleMetadata"/>, <see cref="ArticleBody"/>) stand in the part's place among its own, as in the blobs
/// and content hashes of the articles already stored.
/// </summary>
internal static class ArticleJson
{
    /// <summary>The value's JSON with each object-valued property inlined: the parts are the only objects, no field is one.</summary>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions? options = null)
    {
        using var document = JsonSerializer.SerializeToDocument(value, options);
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options?.Encoder }))
        {
            json.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in property.Value.EnumerateObject())
                    {
                        WriteAsSerialized(json, field);
                    }
                }
                else
                {
                    WriteAsSerialized(json, property);
                }
            }
            json.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    // The value as the serializer wrote it: written again, it would be escaped again, and differ (a date's '+' as \u002B).
    private static void WriteAsSerialized(Utf8JsonWriter json, JsonProperty property)
    {
        json.WritePropertyName(property.Name);
        json.WriteRawValue(property.Value.GetRawText(), skipInputValidation: true);
    }
}
