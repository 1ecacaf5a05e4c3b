using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Strata.Keys;

/// <summary>
/// Turns a parameter type into member writers, once per type: public readable instance properties become parameters;
/// scalars are written as values, dictionaries of scalars as maps, other collections of scalars as sets (or lists with
/// <see cref="CacheKeyOrderedAttribute"/>), and other objects are flattened under dotted names. Getters are compiled
/// expression trees, so only the first call for a type pays for reflection.
/// </summary>
internal static class KeyPlanBuilder
{
    public static MemberWriter<T>[] Build<T>()
    {
        var type = typeof(T);
        if (ScalarFormatter.IsScalar(type) || typeof(IEnumerable).IsAssignableFrom(type))
        {
            throw new ArgumentException(
                $"A cache key is built from an object's properties; {type} is a value or a collection. Use CacheKeyBuilder for single values.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var path = new HashSet<Type>();
        return (MemberWriter<T>[])BuildMembers(type, prefix: string.Empty, inheritedCase: null, names, path);
    }

    private static Array BuildMembers(Type ownerType, string prefix, KeyCase? inheritedCase, HashSet<string> names, HashSet<Type> path)
    {
        if (!path.Add(ownerType))
        {
            throw new NotSupportedException(
                $"{ownerType} contains itself; a cache key cannot be built from a recursive type. Mark the property [CacheKeyIgnore].");
        }

        var members = new List<object>();
        foreach (var property in ownerType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0
                || property.IsDefined(typeof(CacheKeyIgnoreAttribute), inherit: true))
            {
                continue;
            }

            var name = prefix + (property.GetCustomAttribute<CacheKeyNameAttribute>(inherit: true)?.Name ?? property.Name);
            var keyCase = property.GetCustomAttribute<CacheKeyCaseAttribute>(inherit: true)?.Case ?? inheritedCase;
            members.Add(CreateMember(ownerType, property, name, keyCase, names, path));
        }

        path.Remove(ownerType);
        var array = Array.CreateInstance(typeof(MemberWriter<>).MakeGenericType(ownerType), members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            array.SetValue(members[i], i);
        }

        return array;
    }

    private static object CreateMember(
        Type ownerType, PropertyInfo property, string name, KeyCase? keyCase, HashSet<string> names, HashSet<Type> path)
    {
        var type = property.PropertyType;
        if (ScalarFormatter.IsScalar(type))
        {
            Claim(names, name, ownerType, property);
            return Nullable.GetUnderlyingType(type) is { } underlying
                ? Create(typeof(NullableMemberWriter<,>), [ownerType, underlying], name, Getter(ownerType, property, type), keyCase)
                : Create(typeof(ScalarMemberWriter<,>), [ownerType, type], name, Getter(ownerType, property, type), keyCase);
        }

        if (FindGenericInterface(type, typeof(IEnumerable<>)) is { } enumerable)
        {
            Claim(names, name, ownerType, property);
            var element = enumerable.GetGenericArguments()[0];
            if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
                && element.GetGenericArguments() is [var keyType, var valueType]
                && ScalarFormatter.IsScalar(keyType) && ScalarFormatter.IsScalar(valueType))
            {
                return Create(typeof(MapMemberWriter<,,>), [ownerType, keyType, valueType], name, Getter(ownerType, property, enumerable), keyCase);
            }

            if (!ScalarFormatter.IsScalar(element))
            {
                throw Unsupported(ownerType, property, "only collections of scalars and dictionaries of scalars can be part of a cache key");
            }

            var ordered = property.IsDefined(typeof(CacheKeyOrderedAttribute), inherit: true);
            return Create(typeof(SequenceMemberWriter<,>), [ownerType, element], name, Getter(ownerType, property, enumerable), keyCase, ordered);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(object) || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
        {
            throw Unsupported(ownerType, property, "its values have no canonical form");
        }

        var nested = BuildMembers(type, name + ".", keyCase, names, path);
        return Create(typeof(NestedMemberWriter<,>), [ownerType, type], name, Getter(ownerType, property, type), nested);
    }

    private static void Claim(HashSet<string> names, string name, Type ownerType, PropertyInfo property)
    {
        if (!names.Add(name))
        {
            throw new ArgumentException(
                $"The cache key parameter '{name}' is used twice in the parameters (again by {ownerType.Name}.{property.Name}); rename one with [CacheKeyName].");
        }
    }

    private static NotSupportedException Unsupported(Type ownerType, PropertyInfo property, string reason) =>
        new($"The property {ownerType.Name}.{property.Name} of type {property.PropertyType} cannot be part of a cache key: {reason}. Mark it [CacheKeyIgnore] or convert it.");

    private static Type? FindGenericInterface(Type type, Type definition)
    {
        if (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type;
        }

        Type? found = null;
        foreach (var candidate in type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == definition)
            {
                // A type enumerating two element types has no single canonical form.
                if (found is not null)
                {
                    throw new NotSupportedException($"{type} implements {definition.Name} more than once; it cannot be part of a cache key.");
                }

                found = candidate;
            }
        }

        return found;
    }

    private static Delegate Getter(Type ownerType, PropertyInfo property, Type resultType)
    {
        var owner = Expression.Parameter(ownerType, "owner");
        Expression body = Expression.Property(owner, property);
        if (body.Type != resultType)
        {
            body = Expression.Convert(body, resultType);
        }

        return Expression.Lambda(typeof(Func<,>).MakeGenericType(ownerType, resultType), body, owner).Compile();
    }

    private static object Create(Type definition, Type[] typeArguments, params object?[] arguments) =>
        Activator.CreateInstance(definition.MakeGenericType(typeArguments), arguments)!;
}
