// Command sdkgen writes the Python and Go SDKs of the Polytomic provider plugin from its package schema.
//
//	sdkgen <schema.json> <out-dir>
//
// writes <out-dir>/python (setup.py and the pulumi_polytomic package) and <out-dir>/go (a go.mod and the
// polytomic package). `pulumi package gen-sdk` would do the same through the language hosts, but the Go
// module proxy refuses the Python and Go host modules, so this program calls the code generators they
// call, which live in the pkg/v3 module. scripts/sdkgen.sh builds and runs it.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/blang/semver"
	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool names the generator in the "do not edit" header of every generated file.
const tool = "pulumi-polytomic sdkgen"

// sdkModule is the module whose version the generated Go SDK's go.mod requires: the one this program is
// built against, so generator and runtime SDK come from the same Pulumi release.
const sdkModule = "github.com/pulumi/pulumi/sdk/v3"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}

	// Python first: each generator imports its own language options into the bound package, so each
	// gets a package of its own, bound from the same spec.
	pyPkg, err := bind(spec)
	if err != nil {
		return err
	}
	pyFiles, err := pygen.GeneratePackage(tool, pyPkg, nil, noPackages{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	if err := writeFiles(filepath.Join(out, "python"), pyFiles); err != nil {
		return err
	}

	goPkg, err := bind(withoutEnumEnvDefaults(spec))
	if err != nil {
		return err
	}
	goFiles, err := gogen.GeneratePackage(tool, goPkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	goMod, err := goModFile(goPkg)
	if err != nil {
		return err
	}
	goFiles["go.mod"] = goMod
	return writeFiles(filepath.Join(out, "go"), goFiles)
}

// withoutEnumEnvDefaults returns spec with no environment default on an enum-typed provider input, for
// the Go generator: at v3.276.0 it assigns such a default as a plain string to the enum-typed field, which
// does not compile (pulumi/pulumi#19584). Nothing is lost: the provider plugin reads the same environment
// variables itself when the program leaves the setting unset.
func withoutEnumEnvDefaults(spec schema.PackageSpec) schema.PackageSpec {
	if spec.Provider == nil {
		return spec
	}
	provider := *spec.Provider
	provider.InputProperties = map[string]schema.PropertySpec{}
	for name, prop := range spec.Provider.InputProperties {
		if t, ok := spec.Types[strings.TrimPrefix(prop.Ref, "#/types/")]; ok && len(t.Enum) > 0 &&
			prop.DefaultInfo != nil && len(prop.DefaultInfo.Environment) > 0 {
			fmt.Fprintf(os.Stderr, "sdkgen: go: provider input %s: no default from %s in the SDK "+
				"(pulumi/pulumi#19584); the plugin reads it\n", name, strings.Join(prop.DefaultInfo.Environment, ", "))
			prop.DefaultInfo = nil
		}
		provider.InputProperties[name] = prop
	}
	spec.Provider = &provider
	return spec
}

// bind validates the spec as `pulumi package gen-sdk` does (dangling references allowed) and fails on
// any error diagnostic, printing warnings.
func bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagWarning {
			fmt.Fprintln(os.Stderr, "sdkgen: warning:", d.Error())
		}
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("schema: %w", errors.Join(diags.Errs()...))
	}
	return pkg, nil
}

// goModFile is the generated Go SDK's go.mod: the module that holds the import base path, requiring the
// Pulumi Go SDK this program was built against. Its other requirements are left to the consumer's go
// command (`-mod=mod` or `go mod tidy`).
func goModFile(pkg *schema.Package) ([]byte, error) {
	info, _ := pkg.Language["go"].(gogen.GoPackageInfo)
	version := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == sdkModule {
				version = dep.Version
			}
		}
	}
	if version == "" {
		return nil, fmt.Errorf("no version of %s in this program's build information", sdkModule)
	}
	return fmt.Appendf(nil, "module %s\n\ngo 1.25\n\nrequire %s %s\n", path.Dir(info.ImportBasePath), sdkModule, version), nil
}

// writeFiles writes files under dir, replacing whatever dir held, in a stable order.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noPackages is the schema loader: schema.json references no other package, so any load is an error
// (schema.NewNullLoader would panic instead, and is no ReferenceLoader).
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("schema.json references package %q; sdkgen loads no other package", name)
}

func (l noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (noPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema.json references package %q; sdkgen loads no other package", name)
}

func (l noPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}
