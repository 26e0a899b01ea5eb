package dev.mmids.gradient;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.ejml.data.DMatrixRMaj;

/**
 * The shape of the code, as sentences: the math knows nothing of the web; the web's packages form layers,
 * each depending only on those below it; problems depend on nothing of the API; only the request model
 * meets the engine's matrices, and only its conversion class reads their storage.
 */
@AnalyzeClasses(packages = "dev.mmids.gradient", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String WEB = "dev.mmids.gradient.web";

    @ArchTest
    static final ArchRule theBackpropPackageDependsOnNoSpringOrJacksonClass = noClasses()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml.jackson..", "jakarta..");

    @ArchTest
    static final ArchRule theBackpropPackageUsesOnlyTheJdkEjmlAndBlas = classes()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.mmids.gradient.backprop..", "java..", "org.ejml..", "dev.ludovic.netlib.blas..");

    @ArchTest
    static final ArchRule theBackpropPackageDoesNotKnowTheWeb = noClasses()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..web..");

    @ArchTest
    static final ArchRule theWebPackagesAreLayersThatOnlyLookDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("API")
            .definedBy(WEB)
            .layer("Server")
            .definedBy(WEB + ".server")
            .layer("Json")
            .definedBy(WEB + ".json")
            .layer("Admission")
            .definedBy(WEB + ".admission")
            .layer("Model")
            .definedBy(WEB + ".model")
            .layer("Problem")
            .definedBy(WEB + ".problem")
            .layer("Engine")
            .definedBy("dev.mmids.gradient.backprop..")
            .whereLayer("API")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Server")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Json")
            .mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Admission")
            .mayOnlyBeAccessedByLayers("API", "Server", "Json")
            .whereLayer("Model")
            .mayOnlyBeAccessedByLayers("API", "Server", "Json", "Admission")
            .whereLayer("Problem")
            .mayOnlyBeAccessedByLayers("API", "Server", "Json", "Admission", "Model")
            .whereLayer("Engine")
            .mayOnlyBeAccessedByLayers("API", "Server", "Json", "Admission", "Model");

    @ArchTest
    static final ArchRule thePackagesHaveNoCycles =
            slices().matching("dev.mmids.gradient.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule problemClassesDependOnNothingElseOfTheService = classes()
            .that()
            .resideInAPackage(WEB + ".problem")
            .should()
            .onlyDependOnClassesThat(
                    resideInAPackage(WEB + ".problem").or(resideOutsideOfPackage("dev.mmids.gradient..")))
            .because("problems are the API's vocabulary, below everything that raises one");

    @ArchTest
    static final ArchRule outsideTheRequestModelNoWebClassTouchesEjml = noClasses()
            .that()
            .resideInAPackage(WEB + "..")
            .and()
            .resideOutsideOfPackage(WEB + ".model")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.ejml..");

    @ArchTest
    static final ArchRule onlyTheConversionClassReadsAMatrixsStorage = noClasses()
            .that()
            .resideInAPackage(WEB + "..")
            .and()
            .doNotHaveSimpleName("Matrices")
            .should()
            .accessFieldWhere(targetOwner(assignableTo(DMatrixRMaj.class)));

    @ArchTest
    static final ArchRule theApiNeverSeesTheServletRequest = noClasses()
            .that()
            .resideInAPackage(WEB)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("jakarta.servlet..")
            .because("controllers take what they need as parameters");
}
