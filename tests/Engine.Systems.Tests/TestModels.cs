// Shared, cached toy models for the coder tests (building a model quantises ~16k counts; do it once).
using System.Collections.Concurrent;
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

internal static class TestModels
{
    private static readonly ConcurrentDictionary<string, ToyModel> Cache = new();

    public static ToyModel Get(string description) => Cache.GetOrAdd(description, ToyModel.FromDescription);

    public static ToyModel Mixture => Get("mixture:seed=1");

    public static ToyModel Hmm => Get("hmm:seed=1");
}
